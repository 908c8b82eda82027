using System.Diagnostics;

namespace Engagement.Media.Transport;

/// <summary>
/// Time from a datagram leaving the receive call to its last forwarded copy being sent: the delay
/// the SFU itself adds (kernel queueing excluded). 1 µs buckets up to 20 ms plus an overflow
/// bucket; written without allocating or locking by the packet thread (and fan-out helpers, whose
/// rare concurrent increments of one bucket may lose a count); readers get approximate snapshots.
/// </summary>
internal sealed class DispatchLatencyHistogram
{
    private const int Buckets = 20_000;
    private static readonly double TicksPerMicrosecond = Stopwatch.Frequency / 1_000_000.0;
    private readonly long[] _counts = new long[Buckets + 1];

    public void Record(long elapsedTicks)
    {
        var microseconds = (long)(elapsedTicks / TicksPerMicrosecond);
        _counts[microseconds >= Buckets ? Buckets : microseconds]++;
    }

    public long[] Snapshot() => (long[])_counts.Clone();

    /// <summary>The percentile in microseconds of the samples recorded between two snapshots (upper bucket bound).</summary>
    public static double Percentile(long[] before, long[] after, double percentile)
    {
        long total = 0;
        for (var i = 0; i < after.Length; i++) total += after[i] - before[i];
        if (total == 0) return double.NaN;
        var rank = (long)Math.Ceiling(percentile / 100.0 * total);
        long seen = 0;
        for (var i = 0; i < after.Length; i++)
        {
            seen += after[i] - before[i];
            if (seen >= rank) return i + 1;
        }
        return Buckets;
    }
}
