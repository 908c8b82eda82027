using System.Buffers.Binary;
using Engagement.Media.Rtp;
using Engagement.Media.Transport;

namespace Engagement.Media.Sfu;

/// <summary>
/// One published track as one subscriber receives it: the subscriber's SSRC, payload type and
/// sequence numbering (RFC 7667 §3.7: the SFU rewrites so each subscriber sees a consistent stream),
/// header extensions stripped (none are negotiated downstream), and what was sent for sender reports.
/// </summary>
internal sealed class DownTrack
{
    private readonly ushort _sequenceOffset;
    private readonly double _simulatedLoss;
    private uint _lossState;

    public DownTrack(Participant subscriber, PublishedTrack source, string mid, int payloadType, uint ssrc, double simulatedLoss)
    {
        Subscriber = subscriber;
        Source = source;
        Mid = mid;
        PayloadType = payloadType;
        Ssrc = ssrc;
        _sequenceOffset = (ushort)Random.Shared.Next(0, 0x8000);
        _simulatedLoss = source.Kind == MediaKind.Video ? simulatedLoss : 0;
        _lossState = ssrc | 1;
    }

    public Participant Subscriber { get; }
    public PublishedTrack Source { get; }
    public string Mid { get; }
    public int PayloadType { get; set; }
    public uint Ssrc { get; }
    public long PacketsSent;
    public long OctetsSent;

    public void Forward(in RtpHeader source, ReadOnlySpan<byte> payload, bool retransmission)
    {
        if (!retransmission && _simulatedLoss > 0 && NextRandom() < _simulatedLoss)
        {
            Subscriber.Transport.Counters.Drop(DropReason.SimulatedLoss);
            return;
        }
        Span<byte> header = stackalloc byte[RtpHeader.FixedLength];
        header[0] = (byte)(0x80 | (source.HasPadding ? 0x20 : 0));
        header[1] = (byte)((source.Marker ? 0x80 : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(source.SequenceNumber + _sequenceOffset));
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], source.Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(header[8..], Ssrc);
        if (!Subscriber.Transport.SendRtp(header, payload)) return;
        PacketsSent++;
        OctetsSent += payload.Length;
        Subscriber.Transport.Counters.BytesForwarded += RtpHeader.FixedLength + payload.Length;
        if (retransmission) Subscriber.Transport.Counters.Retransmitted++;
        else Subscriber.Transport.Counters.Forwarded++;
    }

    /// <summary>Forwarding in a fan-out loop: one subscriber's failure must not cost the others this packet.</summary>
    public void ForwardOrReport(in RtpHeader source, ReadOnlySpan<byte> payload)
    {
        try
        {
            Forward(source, payload, retransmission: false);
        }
        catch (Exception e)
        {
            Subscriber.Engine.OnForwardFailed(this, e);
        }
    }

    /// <summary>Answers a subscriber's NACK for one of our sequence numbers from the source's buffer.</summary>
    public void Retransmit(ushort sequence)
    {
        Subscriber.Transport.Counters.NacksReceived++;
        var buffer = Source.Buffer;
        if (buffer is null || !buffer.TryGet((ushort)(sequence - _sequenceOffset), out var packet)) return;
        if (!RtpHeader.TryParse(packet, out var header)) return;
        Forward(header, packet[header.HeaderLength..], retransmission: true);
    }

    /// <summary>xorshift32: a cheap deterministic sequence for the loss injector.</summary>
    private double NextRandom()
    {
        var x = _lossState;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _lossState = x;
        return x / (double)uint.MaxValue;
    }
}
