using System.Diagnostics;
using HdrHistogram;

namespace Engagement.LoadTests.Context;

/// <summary>A thread-safe HdrHistogram of <see cref="Stopwatch"/> tick durations (1 tick .. 2 min), read back in milliseconds.</summary>
internal sealed class LatencyStats
{
    private static readonly long Highest = Stopwatch.Frequency * 120;
    private static readonly double TicksPerMs = Stopwatch.Frequency / 1000.0;
    private readonly LongConcurrentHistogram _histogram = new(1, Highest, 3);

    public void Record(long ticks) => _histogram.RecordValue(Math.Clamp(ticks, 1, Highest));

    public long Count => _histogram.TotalCount;

    public double Percentile(double p) => Count == 0 ? double.NaN : _histogram.GetValueAtPercentile(p) / TicksPerMs;

    public double Max => Count == 0 ? double.NaN : _histogram.GetMaxValue() / TicksPerMs;

    public Figures Summary() => new(Count, Percentile(50), Percentile(90), Percentile(99), Percentile(99.9), Max);

    public sealed record Figures(long Count, double MedianMs, double P90Ms, double P99Ms, double P999Ms, double MaxMs)
    {
        public override string ToString() =>
            $"n={Count:N0}  median {MedianMs:F1} ms  p90 {P90Ms:F1} ms  p99 {P99Ms:F1} ms  p99.9 {P999Ms:F1} ms  max {MaxMs:F1} ms";
    }
}
