namespace Engagement.Media.Tests.Bench;

/// <summary>A benchmark, not a test: skipped unless MEDIA_BENCH=1 (it runs for minutes and asserts nothing about speed).</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("MEDIA_BENCH") != "1") Skip = "benchmark: set MEDIA_BENCH=1 to run";
    }
}
