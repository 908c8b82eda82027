using System.Collections.Concurrent;
using System.Diagnostics;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.Conversations;

/// <summary>
/// What a webhook receiver got: every event id with how often it came (so "each once" is checked by distinct ids), the
/// lag from the message's store time (<c>data.at</c>) to its arrival, and arrivals per second. Thread-safe.
/// </summary>
internal sealed class DeliveryTally
{
    private readonly ConcurrentDictionary<string, int> _ids = new();
    private readonly ConcurrentDictionary<long, long> _perSecond = new();
    private readonly Lock _span = new();
    private long _received;
    private DateTimeOffset? _first, _last;

    public LatencyHistogram Lag { get; } = new();

    public long Received => Interlocked.Read(ref _received);

    public long Distinct => _ids.Count;

    /// <summary>Arrivals of an id already seen.</summary>
    public long Duplicates => Received - Distinct;

    /// <summary>Records one request: its event id, the stored time of the message it describes (if any) and when it arrived.</summary>
    public void Record(string eventId, DateTimeOffset? storedAt, DateTimeOffset receivedAt)
    {
        _ids.AddOrUpdate(eventId, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _received);
        _perSecond.AddOrUpdate(receivedAt.ToUnixTimeSeconds(), 1, (_, n) => n + 1);
        if (storedAt is { } at) Lag.Record((long)((receivedAt - at).TotalMilliseconds * Stopwatch.Frequency / 1000));
        lock (_span)
        {
            if (_first is null || receivedAt < _first) _first = receivedAt;
            if (_last is null || receivedAt > _last) _last = receivedAt;
        }
    }

    /// <summary>When the last request arrived (null before any).</summary>
    public DateTimeOffset? Last
    {
        get
        {
            lock (_span) return _last;
        }
    }

    /// <summary>Arrivals per second from the first to the last (NaN with fewer than two).</summary>
    public double MeanRate
    {
        get
        {
            lock (_span)
            {
                var seconds = _first is { } f && _last is { } l ? (l - f).TotalSeconds : 0;
                return seconds > 0 ? Received / seconds : double.NaN;
            }
        }
    }

    /// <summary>The busiest whole second's arrivals.</summary>
    public long PeakSecond => _perSecond.IsEmpty ? 0 : _perSecond.Values.Max();

    /// <summary>Arrivals within [from, to).</summary>
    public long ReceivedBetween(DateTimeOffset from, DateTimeOffset to) =>
        _perSecond.Where(p => p.Key >= from.ToUnixTimeSeconds() && p.Key < to.ToUnixTimeSeconds()).Sum(p => p.Value);
}
