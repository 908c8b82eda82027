using System.Buffers.Binary;
using System.Diagnostics;
using Engagement.Media.Rtp;
using Engagement.Media.Transport;

namespace Engagement.Media.Sfu;

/// <summary>
/// A participant of a room on the packet path: routes its decrypted RTP to the tracks it publishes
/// and its RTCP feedback (NACK, PLI, FIR, SR) to the right track; sends it RTCP of our own.
/// Track lists are copy-on-write arrays changed under the room lock and read without locks here.
/// </summary>
internal sealed class Participant : IPeerPacketHandler
{
    private readonly SfuRoom _room;
    private volatile PublishedTrack[] _published = [];
    private volatile DownTrack[] _downTracks = [];

    public Participant(SfuRoom room, string id)
    {
        _room = room;
        Id = id;
        RtcpSsrc = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
        JoinedAt = Stopwatch.GetTimestamp();
    }

    public string Id { get; }

    /// <summary>The node's helper for fanning out to many subscribers, if it has one.</summary>
    public ParallelFanOut? ParallelFanOut => Engine.ParallelFanOut;
    public uint RtcpSsrc { get; }
    public long JoinedAt { get; }
    public PeerTransport Transport { get; set; } = null!;
    private volatile bool _connected;
    public bool Connected => _connected;
    public PublishedTrack[] Published { get => _published; set => _published = value; }
    public DownTrack[] DownTracks { get => _downTracks; set => _downTracks = value; }
    /// <summary>Negotiation state, used under the room lock only.</summary>
    public NegotiationState Negotiation { get; } = new();

    public void OnRtp(Span<byte> packet, in RtpHeader header)
    {
        var track = FindPublished(header.Ssrc) ?? LearnSsrc(header);
        if (track is null)
        {
            Transport.Counters.Drop(DropReason.UnknownSsrc);
            return;
        }
        track.OnPacket(packet, header);
    }

    private PublishedTrack? FindPublished(uint ssrc)
    {
        foreach (var track in _published) if (track.Ssrc == ssrc) return track;
        return null;
    }

    /// <summary>An offer without a=ssrc: bind the first unknown SSRC to the track with its payload type.</summary>
    private PublishedTrack? LearnSsrc(in RtpHeader header)
    {
        foreach (var track in _published)
        {
            if (track.Ssrc == 0 && track.PayloadType == header.PayloadType)
            {
                track.Ssrc = header.Ssrc;
                return track;
            }
        }
        return null;
    }

    public void OnRtcp(ReadOnlySpan<byte> compound)
    {
        var reader = new RtcpCompoundReader(compound);
        Span<uint> targets = stackalloc uint[8];
        while (reader.TryRead(out var packet))
        {
            switch (packet.Type)
            {
                case RtcpPacketType.SenderReport when packet.Bytes.Length >= 28:
                    OnSenderReport(packet);
                    break;
                case RtcpPacketType.TransportFeedback when packet.Count == RtcpPacketType.FormatNack:
                    var down = FindDownTrack(packet.MediaSsrc);
                    if (down is not null) RtcpFeedback.ForEachNacked(packet.Fci, down, static (d, seq) => d.Retransmit(seq));
                    break;
                case RtcpPacketType.PayloadFeedback when packet.Count == RtcpPacketType.FormatPli:
                    Transport.Counters.KeyFrameRequestsReceived++;
                    FindDownTrack(packet.MediaSsrc)?.Source.RequestKeyFrame();
                    break;
                case RtcpPacketType.PayloadFeedback when packet.Count == RtcpPacketType.FormatFir:
                    Transport.Counters.KeyFrameRequestsReceived++;
                    var count = RtcpFeedback.FirTargets(packet.Fci, targets);
                    for (var i = 0; i < count; i++) FindDownTrack(targets[i])?.Source.RequestKeyFrame();
                    break;
            }
        }
    }

    private DownTrack? FindDownTrack(uint ssrc)
    {
        foreach (var down in _downTracks) if (down.Ssrc == ssrc) return down;
        return null;
    }

    /// <summary>A publisher's SR: kept for our RR's LSR, and passed to subscribers with their SSRC and counts (lip sync).</summary>
    private void OnSenderReport(RtcpPacket packet)
    {
        var track = FindPublished(packet.SenderSsrc);
        if (track is null) return;
        var ntp = BinaryPrimitives.ReadUInt64BigEndian(packet.Bytes[8..]);
        var rtpTimestamp = BinaryPrimitives.ReadUInt32BigEndian(packet.Bytes[16..]);
        track.Statistics.OnSenderReport(ntp);
        Span<byte> report = stackalloc byte[28];
        foreach (var down in track.DownTracks)
        {
            RtcpWriter.SenderReport(report, down.Ssrc, ntp, rtpTimestamp, (uint)down.PacketsSent, (uint)down.OctetsSent);
            down.Subscriber.Transport.SendRtcp(report);
        }
    }

    public void SendPictureLossIndication(uint mediaSsrc)
    {
        Span<byte> pli = stackalloc byte[12];
        RtcpWriter.PictureLossIndication(pli, RtcpSsrc, mediaSsrc);
        Transport.SendRtcp(pli);
        Transport.Counters.PlisSent++;
    }

    /// <summary>Upstream NACK: ask the publisher again for <paramref name="count"/> packets from <paramref name="first"/>.</summary>
    public void RequestRetransmission(uint mediaSsrc, ushort first, int count)
    {
        ushort mask = 0;
        for (var i = 1; i < count && i <= 16; i++) mask |= (ushort)(1 << (i - 1));
        Span<byte> nack = stackalloc byte[16];
        RtcpWriter.Nack(nack, RtcpSsrc, mediaSsrc, first, mask);
        Transport.SendRtcp(nack);
        Transport.Counters.NacksSent++;
    }

    /// <summary>Periodic RTCP to a publisher: RR for each track it sends us and REMB for its video.</summary>
    public void SendReports(long rembBitrate)
    {
        var published = _published;
        if (published.Length == 0) return;
        Span<RtcpReportBlock> blocks = stackalloc RtcpReportBlock[Math.Min(published.Length, 31)];
        Span<uint> video = stackalloc uint[Math.Min(published.Length, 31)];
        int blockCount = 0, videoCount = 0;
        foreach (var track in published)
        {
            if (track.Ssrc == 0 || blockCount == blocks.Length) continue;
            blocks[blockCount++] = track.Statistics.BuildReport(track.Ssrc);
            if (track.Kind == MediaKind.Video) video[videoCount++] = track.Ssrc;
        }
        if (blockCount == 0) return;
        Span<byte> compound = stackalloc byte[8 + 24 * 31 + 20 + 4 * 31];
        var length = RtcpWriter.ReceiverReport(compound, RtcpSsrc, blocks[..blockCount]);
        if (videoCount > 0) length += RtcpWriter.Remb(compound[length..], RtcpSsrc, (ulong)rembBitrate, video[..videoCount]);
        Transport.SendRtcp(compound[..length]);
    }

    public void OnConnected()
    {
        _connected = true;
        // Key frames asked for before the keys existed were never sent: ask again now, both for what
        // this participant receives and for its own tracks that already have subscribers.
        foreach (var down in _downTracks) down.Source.RequestKeyFrame();
        foreach (var track in _published) if (track.DownTracks.Length > 0) track.RequestKeyFrame();
        _room.OnParticipantConnected(this);
    }

    /// <summary>
    /// This participant's transport failed (a DTLS handshake that ended badly, or one woken by its transport being
    /// disposed). Only this participant leaves: a new peer connection of the same participant (a reloaded page) may
    /// have joined under the same id meanwhile, and must stay.
    /// </summary>
    public void OnFailed(string reason) => _room.Remove(this, reason, "dtls_failed");

    /// <summary>The engine, for reporting a failed copy to this participant.</summary>
    public SfuEngine Engine => _room.Engine;
}
