using System.Diagnostics;
using HdrHistogram;

namespace Engagement.LoadTests.Measurement;

/// <summary>
/// A thread-safe HdrHistogram of durations in <see cref="Stopwatch"/> ticks (1 µs .. 5 min, 3 significant
/// digits), read back in milliseconds.
/// </summary>
internal sealed class LatencyHistogram
{
    private static readonly long Highest = Stopwatch.Frequency * 300;
    private static readonly double TicksPerMs = Stopwatch.Frequency / 1000.0;
    private readonly HistogramBase _histogram = HistogramFactory.With64BitBucketSize()
        .WithValuesFrom(Math.Max(1, Stopwatch.Frequency / 1_000_000))
        .WithValuesUpTo(Highest)
        .WithPrecisionOf(3)
        .WithThreadSafeWrites()
        .Create();

    /// <summary>The recorded values themselves (Stopwatch ticks), for the histogram log.</summary>
    public HistogramBase Raw => _histogram;

    public void Record(long ticks) => _histogram.RecordValue(Math.Clamp(ticks, 0, Highest));

    public long Count => _histogram.TotalCount;

    public double PercentileMs(double percentile) =>
        Count == 0 ? double.NaN : _histogram.GetValueAtPercentile(percentile) / TicksPerMs;

    public double MaxMs => Count == 0 ? double.NaN : _histogram.GetMaxValue() / TicksPerMs;

    public LatencySummary Summary() => new(
        Count, PercentileMs(50), PercentileMs(90), PercentileMs(99), PercentileMs(99.9), MaxMs);
}

/// <summary>A histogram read out: count and milliseconds at the usual percentiles.</summary>
internal sealed record LatencySummary(long Count, double P50, double P90, double P99, double P999, double Max)
{
    /// <summary>One line, as the context and site-visitors benchmarks print it.</summary>
    public override string ToString() =>
        $"n={Count:N0}  median {P50:F1} ms  p90 {P90:F1} ms  p99 {P99:F1} ms  p99.9 {P999:F1} ms  max {Max:F1} ms";
}
