using System.Net;

namespace Engagement.Media;

/// <summary>How a media engine binds and behaves. One UDP port serves every room on the node.</summary>
public sealed record MediaEngineOptions
{
    /// <summary>Address the UDP socket binds to.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>UDP port; 0 picks a free one (see <see cref="IMediaEngine.LocalEndPoint"/>).</summary>
    public int Port { get; init; }

    /// <summary>Address put in ICE candidates; defaults to the bound address.</summary>
    public IPAddress? AdvertisedAddress { get; init; }

    /// <summary>
    /// Threads that run DTLS handshakes, off the packet path. A handshake mostly waits for the peer's next
    /// flight, so there are more threads than cores: a few slow or vanished peers must not delay the others.
    /// </summary>
    public int HandshakeThreads { get; init; } = 4;

    /// <summary>Handshakes that may wait for a thread before new ones are refused.</summary>
    public int HandshakeQueue { get; init; } = 256;

    /// <summary>Bitrate announced to publishers in REMB, so browsers send video at full quality.</summary>
    public long PublisherBitrate { get; init; } = 3_000_000;

    /// <summary>RFC 7675: without a valid check for this long a peer has lost consent and leaves its room.</summary>
    public TimeSpan ConsentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A peer that has not completed ICE and DTLS in this time after joining leaves its room.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Interval of receiver reports and REMB to publishers, and of liveness checks.</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Threads that help the packet thread send the copies of one packet when a track has many
    /// subscribers (0: the packet thread sends them all). Default: one per extra core, at most 3.
    /// </summary>
    public int FanOutHelperThreads { get; init; } = Math.Clamp(Environment.ProcessorCount - 1, 0, 3);

    /// <summary>Subscribers a track needs before its copies are split over the helper threads.</summary>
    public int ParallelFanOutThreshold { get; init; } = 24;

    /// <summary>
    /// On Linux, the packet thread and the fan-out helpers ask for SCHED_FIFO at this real-time priority
    /// (1–99), so other threads of a busy node do not keep a received packet waiting for a core; refused
    /// (no root, CAP_SYS_NICE or RLIMIT_RTPRIO), they try nice −10, else stay as they are. 0: never asked.
    /// The outcome is logged once (Engagement.Media.Transport, event 305).
    /// </summary>
    public int PacketThreadRealtimePriority { get; init; } = 1;

    /// <summary>
    /// Fraction (0–1) of forwarded video packets deliberately not sent on their first transmission:
    /// a fault injector for exercising NACK recovery in tests. Retransmissions are never dropped.
    /// </summary>
    public double SimulatedVideoLoss { get; init; }
}
