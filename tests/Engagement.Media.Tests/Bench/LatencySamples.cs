using System.Diagnostics;

namespace Engagement.Media.Tests.Bench;

/// <summary>A bounded, thread-safe bag of delay samples (Stopwatch ticks) with percentiles in microseconds.</summary>
internal sealed class LatencySamples(int capacity)
{
    private readonly long[] _samples = new long[capacity];
    private int _count;

    public int Count => Math.Min(_count, _samples.Length);

    public void Add(long ticks)
    {
        var slot = Interlocked.Increment(ref _count) - 1;
        if (slot < _samples.Length) _samples[slot] = ticks;
    }

    public double PercentileMicroseconds(double percentile)
    {
        var count = Count;
        if (count == 0) return double.NaN;
        var sorted = _samples[..count];
        Array.Sort(sorted);
        var index = Math.Clamp((int)Math.Ceiling(percentile / 100.0 * count) - 1, 0, count - 1);
        return sorted[index] * 1_000_000.0 / Stopwatch.Frequency;
    }
}
