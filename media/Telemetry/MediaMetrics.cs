using System.Diagnostics.Metrics;
using Engagement.Media.Transport;

namespace Engagement.Media.Telemetry;

/// <summary>
/// One engine's instruments on meter "Engagement.Media" (tagged with the engine's UDP endpoint). Packet counts
/// are read from <see cref="PacketCounters"/> only when a listener collects, so the packet path pays nothing
/// beyond its plain increments; rare events (handshakes, participants removed, internal errors) are counted as
/// they happen. docs/media-plane.md lists the instruments.
/// </summary>
internal sealed class MediaMetrics : IDisposable
{
    public const string MeterName = "Engagement.Media";

    private readonly bool _ownsMeter;
    private readonly Counter<long> _handshakes;
    private readonly Histogram<double> _handshakeDuration;
    private readonly Counter<long> _removed;
    private readonly Counter<long> _errors;

    public MediaMetrics(IMeterFactory? factory, string endpoint, PacketCounters packets, Func<int> rooms, Func<int> participants)
    {
        var options = new MeterOptions(MeterName) { Tags = [new("engagement.media.endpoint", endpoint)] };
        _ownsMeter = factory is null;
        Meter = factory?.Create(options) ?? new Meter(options);
        Meter.CreateObservableCounter("engagement.media.packets.received", () => Volatile.Read(ref packets.Received), "{packet}", "Datagrams received on the node's UDP port");
        Meter.CreateObservableCounter("engagement.media.packets.forwarded", () => Volatile.Read(ref packets.Forwarded), "{packet}", "RTP copies sent to subscribers");
        Meter.CreateObservableCounter("engagement.media.packets.retransmitted", () => Volatile.Read(ref packets.Retransmitted), "{packet}", "RTP copies re-sent on a subscriber's NACK");
        Meter.CreateObservableCounter("engagement.media.packets.dropped", () => Dropped(packets), "{packet}", "Datagrams and copies let go, by reason");
        Meter.CreateObservableCounter("engagement.media.packets.lost", () => Volatile.Read(ref packets.Lost), "{packet}", "Sequence numbers missing from publishers' streams when a later packet arrived (loss on the way in, before NACKs recover it)");
        Meter.CreateObservableCounter("engagement.media.io", () => Bytes(packets), "By", "Bytes by direction: received (every datagram on the node's UDP port), forwarded (RTP copies sent to subscribers, before SRTP, retransmissions included)");
        Meter.CreateObservableCounter("engagement.media.nacks", () => Feedback(Volatile.Read(ref packets.NacksReceived), Volatile.Read(ref packets.NacksSent)), "{nack}", "NACKs: packets subscribers asked for again (received), NACK packets sent to publishers for gaps (sent); by direction");
        Meter.CreateObservableCounter("engagement.media.key_frame_requests", () => Feedback(Volatile.Read(ref packets.KeyFrameRequestsReceived), Volatile.Read(ref packets.PlisSent)), "{request}", "Key frame requests: PLIs and FIRs from subscribers (received), PLIs sent to publishers (sent); by direction");
        Meter.CreateObservableUpDownCounter("engagement.media.rooms", rooms, "{room}", "Open rooms");
        Meter.CreateObservableUpDownCounter("engagement.media.participants", participants, "{participant}", "Participants in open rooms");
        _handshakes = Meter.CreateCounter<long>("engagement.media.dtls.handshakes", "{handshake}", "DTLS handshakes ended, by outcome (completed, failed, abandoned) and reason");
        _handshakeDuration = Meter.CreateHistogram<double>("engagement.media.dtls.handshake_duration", "s", "Time from the DTLS handshake's start on the pool until it ended, by outcome");
        _removed = Meter.CreateCounter<long>("engagement.media.participants.removed", "{participant}", "Participants the room removed by itself, by reason");
        _errors = Meter.CreateCounter<long>("engagement.media.errors", "{error}", "Exceptions caught where none was expected (bugs), by where");
    }

    /// <summary>The meter (tests listen to this one engine's instruments only).</summary>
    public Meter Meter { get; }

    public void HandshakeEnded(string outcome, string reason, TimeSpan took)
    {
        _handshakes.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("reason", reason));
        _handshakeDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>A participant removed without asking: consent expired, did not connect, DTLS failed.</summary>
    public void ParticipantRemoved(string reason) => _removed.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void InternalError(string where) => _errors.Add(1, new KeyValuePair<string, object?>("where", where));

    private static Measurement<long>[] Bytes(PacketCounters packets) =>
    [
        new(Volatile.Read(ref packets.BytesReceived), new KeyValuePair<string, object?>("direction", "received")),
        new(Volatile.Read(ref packets.BytesForwarded), new KeyValuePair<string, object?>("direction", "forwarded")),
    ];

    private static Measurement<long>[] Feedback(long received, long sent) =>
    [
        new(received, new KeyValuePair<string, object?>("direction", "received")),
        new(sent, new KeyValuePair<string, object?>("direction", "sent")),
    ];

    private static IEnumerable<Measurement<long>> Dropped(PacketCounters packets)
    {
        foreach (var reason in DropReasons.All)
            yield return new Measurement<long>(packets.Dropped(reason), new KeyValuePair<string, object?>("reason", reason.Tag()));
    }

    public void Dispose()
    {
        if (_ownsMeter) Meter.Dispose();
    }
}
