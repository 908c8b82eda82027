using System.Diagnostics;
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
    private readonly long[] _errors = new long[MaxSeconds];
    private readonly IReadOnlyList<ProcessCores>?[] _cores = new IReadOnlyList<ProcessCores>?[MaxSeconds];
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

    public void OnError(long nowTicks)
    {
        var i = Index(nowTicks);
        if (i >= 0) Interlocked.Increment(ref _errors[i]);
    }

    /// <summary>How the cores were shared during the second that ends at <paramref name="nowTicks"/> (sampled once a second).</summary>
    public void OnCores(long nowTicks, IReadOnlyList<ProcessCores> cores)
    {
        var i = Index(nowTicks) - 1;
        if (i >= 0) Volatile.Write(ref _cores[i], cores);
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

    /// <summary>One row per second that saw a send, an arrival or an error; latencies in ms.</summary>
    public IReadOnlyList<TimelineRow> Rows(RunClock clock)
    {
        var rows = new List<TimelineRow>();
        var warmupSeconds = (clock.MeasureStart - clock.Start) / (double)Stopwatch.Frequency;
        var windowEnd = warmupSeconds + clock.Duration.TotalSeconds;
        for (var i = 0; i < MaxSeconds; i++)
        {
            var s = Volatile.Read(ref _seconds[i]);
            var arrived = Interlocked.Read(ref _arrivals[i]);
            var errors = Interlocked.Read(ref _errors[i]);
            if (s is null && arrived == 0 && errors == 0) continue;
            var phase = i < warmupSeconds ? "warmup" : i < windowEnd ? "window" : "drain";
            rows.Add(new TimelineRow(i, _startUtc.AddSeconds(i), phase, s?.Sent ?? 0, arrived, errors,
                Ms(s?.Delivery, 50), Ms(s?.Delivery, 99), Max(s?.Delivery), Ms(s?.Ack, 99), Max(s?.Ack),
                s is null ? null : s.PacerLagMax / TicksPerMs, Volatile.Read(ref _cores[i])));
        }
        return rows;
    }

    /// <summary>Each second's delivery and ack histograms (Stopwatch ticks), for the histogram log (<see cref="Reporting.HistogramLog"/>).</summary>
    public IEnumerable<(int Second, string Tag, HistogramBase Histogram)> Intervals()
    {
        for (var i = 0; i < MaxSeconds; i++)
        {
            if (Volatile.Read(ref _seconds[i]) is not { } s) continue;
            if (s.Delivery.TotalCount > 0) yield return (i, "delivery", s.Delivery);
            if (s.Ack.TotalCount > 0) yield return (i, "ack", s.Ack);
        }
    }

    public DateTimeOffset StartUtc => _startUtc;

    public Task WriteCsvAsync(string path, RunClock clock) => File.WriteAllTextAsync(path, TimelineRow.Csv(Rows(clock)));

    private static double? Ms(HistogramBase? h, double percentile) =>
        h is null || h.TotalCount == 0 ? null : WhileRecording.Read(() => h.GetValueAtPercentile(percentile) / TicksPerMs, double.NaN);

    private static double? Max(HistogramBase? h) =>
        h is null || h.TotalCount == 0 ? null : WhileRecording.Read(() => h.GetMaxValue() / TicksPerMs, double.NaN);
}
