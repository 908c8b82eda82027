using System.Diagnostics;
using System.Globalization;
using System.Text;
using HdrHistogram;

namespace Engagement.LoadTests.Measurement;

/// <summary>
/// The run second by second, warm-up included, to line a latency spike up with what the server, the runtime or
/// PostgreSQL did at that moment (their logs and counters are stamped with wall-clock time, so every row carries
/// the UTC time its second began). A message counts in the second it was <em>sent</em>; deliveries also count in
/// the second they <em>arrived</em>, which shows a stall as a second with few arrivals followed by a burst.
/// </summary>
internal sealed class SecondTimeline
{
    private const int MaxSeconds = 3600;
    private static readonly double TicksPerMs = Stopwatch.Frequency / 1000.0;
    private readonly Second?[] _seconds = new Second?[MaxSeconds];
    private readonly long[] _arrivals = new long[MaxSeconds];
    private long _startTicks;
    private DateTimeOffset _startUtc;

    private sealed class Second
    {
        public long Sent;
        public long PacerLagMax;
        public readonly HistogramBase Delivery = NewHistogram();
        public readonly HistogramBase Ack = NewHistogram();
    }

    private static HistogramBase NewHistogram() => HistogramFactory.With32BitBucketSize()
        .WithValuesFrom(Math.Max(1, Stopwatch.Frequency / 1_000_000))
        .WithValuesUpTo(Stopwatch.Frequency * 300)
        .WithPrecisionOf(2)
        .WithThreadSafeWrites()
        .Create();

    /// <summary>Second 0 begins now (the run clock's start).</summary>
    public void Begin(long startTicks)
    {
        _startUtc = DateTimeOffset.UtcNow;
        Volatile.Write(ref _startTicks, startTicks);
    }

    public void OnSent(long sentTicks) { if (For(sentTicks) is { } s) Interlocked.Increment(ref s.Sent); }

    public void OnPacerLag(long sentTicks, long lagTicks) { if (For(sentTicks) is { } s) Atomic.Max(ref s.PacerLagMax, lagTicks); }

    public void OnAcked(long sentTicks, long latencyTicks) => For(sentTicks)?.Ack.RecordValue(Math.Max(0, latencyTicks));

    public void OnDelivered(long sentTicks, long nowTicks)
    {
        For(sentTicks)?.Delivery.RecordValue(Math.Max(0, nowTicks - sentTicks));
        var arrived = Index(nowTicks);
        if (arrived >= 0) Interlocked.Increment(ref _arrivals[arrived]);
    }

    private int Index(long ticks)
    {
        var start = Volatile.Read(ref _startTicks);
        if (start == 0 || ticks < start) return -1;
        var i = (ticks - start) / Stopwatch.Frequency;
        return i < MaxSeconds ? (int)i : -1;
    }

    private Second? For(long ticks)
    {
        var i = Index(ticks);
        if (i < 0) return null;
        var s = Volatile.Read(ref _seconds[i]);
        if (s is not null) return s;
        Interlocked.CompareExchange(ref _seconds[i], new Second(), null);
        return _seconds[i];
    }

    /// <summary>CSV, one row per second that saw a send or an arrival; latencies in ms.</summary>
    public async Task WriteCsvAsync(string path, RunClock clock)
    {
        var csv = new StringBuilder("utc,second,phase,sent,arrived,delivery_p50_ms,delivery_p99_ms,delivery_max_ms,ack_p99_ms,ack_max_ms,pacer_lag_max_ms\n");
        var warmupSeconds = (clock.MeasureStart - clock.Start) / (double)Stopwatch.Frequency;
        var windowEnd = warmupSeconds + clock.Duration.TotalSeconds;
        for (var i = 0; i < MaxSeconds; i++)
        {
            var s = _seconds[i];
            if (s is null && _arrivals[i] == 0) continue;
            var phase = i < warmupSeconds ? "warmup" : i < windowEnd ? "window" : "drain";
            csv.Append(CultureInfo.InvariantCulture,
                $"{_startUtc.AddSeconds(i):yyyy-MM-ddTHH:mm:ss.fff},{i},{phase},{s?.Sent ?? 0},{_arrivals[i]},");
            csv.Append(CultureInfo.InvariantCulture,
                $"{Ms(s?.Delivery, 50)},{Ms(s?.Delivery, 99)},{Max(s?.Delivery)},{Ms(s?.Ack, 99)},{Max(s?.Ack)},{(s is null ? "" : (s.PacerLagMax / TicksPerMs).ToString("F2", CultureInfo.InvariantCulture))}\n");
        }
        await File.WriteAllTextAsync(path, csv.ToString());
    }

    private static string Ms(HistogramBase? h, double percentile) =>
        h is null || h.TotalCount == 0 ? "" : (h.GetValueAtPercentile(percentile) / TicksPerMs).ToString("F2", CultureInfo.InvariantCulture);

    private static string Max(HistogramBase? h) =>
        h is null || h.TotalCount == 0 ? "" : (h.GetMaxValue() / TicksPerMs).ToString("F2", CultureInfo.InvariantCulture);
}
