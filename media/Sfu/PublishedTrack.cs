using System.Diagnostics;
using Engagement.Media.Rtp;

namespace Engagement.Media.Sfu;

/// <summary>
/// A track a participant sends to the room: its incoming stream's statistics, a retransmission
/// buffer (video), and the subscribers it is forwarded to (a copy-on-write array, read lock-free).
/// </summary>
internal sealed class PublishedTrack
{
    private static readonly long KeyFrameRequestInterval = Stopwatch.Frequency / 4;
    private long _lastKeyFrameRequest;
    private volatile DownTrack[] _downTracks = [];

    public PublishedTrack(Participant owner, string mid, MediaKind kind, int payloadType, int clockRate, uint ssrc)
    {
        Owner = owner;
        Mid = mid;
        Kind = kind;
        PayloadType = payloadType;
        Ssrc = ssrc;
        Info = new MediaTrackInfo($"{owner.Id}-{mid}", kind, owner.Id);
        Statistics = new ReceiveStatistics(clockRate);
        Buffer = kind == MediaKind.Video ? new RetransmissionBuffer() : null;
    }

    public Participant Owner { get; }
    public string Mid { get; }
    public MediaKind Kind { get; }
    public int PayloadType { get; set; }
    /// <summary>0 until known: from a=ssrc, or learned from the first packet with our payload type.</summary>
    public uint Ssrc { get; set; }
    public MediaTrackInfo Info { get; }
    public ReceiveStatistics Statistics { get; }
    public RetransmissionBuffer? Buffer { get; }
    public DownTrack[] DownTracks => _downTracks;

    public void AddDownTrack(DownTrack down) => _downTracks = [.. _downTracks, down];

    public void RemoveDownTrack(DownTrack down) => _downTracks = _downTracks.Where(d => d != down).ToArray();

    /// <summary>The forwarding path: record, buffer, and send to every subscriber.</summary>
    public void OnPacket(Span<byte> packet, in RtpHeader header)
    {
        var skipped = Statistics.Update(header.SequenceNumber, header.Timestamp);
        if (skipped > 0) Owner.Transport.Counters.Lost += skipped;
        if (Buffer is not null)
        {
            Buffer.Store(header.SequenceNumber, packet);
            if (skipped is > 0 and <= 16) Owner.RequestRetransmission(Ssrc, (ushort)(header.SequenceNumber - skipped), skipped);
        }
        var payload = packet[header.HeaderLength..];
        var downTracks = _downTracks;
        var parallel = Owner.ParallelFanOut;
        if (parallel is not null && downTracks.Length >= parallel.Threshold)
        {
            parallel.Forward(downTracks, header, payload);
            return;
        }
        foreach (var down in downTracks) down.ForwardOrReport(header, payload);
    }

    /// <summary>Asks the publisher for a key frame (PLI), at most four times a second.</summary>
    public void RequestKeyFrame()
    {
        if (Kind != MediaKind.Video || Ssrc == 0) return;
        var now = Stopwatch.GetTimestamp();
        if (now - Interlocked.Read(ref _lastKeyFrameRequest) < KeyFrameRequestInterval) return;
        Interlocked.Exchange(ref _lastKeyFrameRequest, now);
        Owner.SendPictureLossIndication(Ssrc);
    }
}
