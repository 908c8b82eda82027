namespace Engagement.Media.Transport;

/// <summary>
/// Packet counters of the node. Plain increments, no interlocked cost on the hot path: written by the
/// packet thread (and, for forwarded copies, by fan-out helpers, where an increment can be lost);
/// other threads read them as approximate, monotonically growing values (metrics, stats, drop reports).
/// </summary>
internal sealed class PacketCounters
{
    public long Received;
    public long Stun;
    public long Dtls;
    public long RtpReceived;
    public long RtcpReceived;
    public long Forwarded;
    public long Retransmitted;
    public long BytesReceived;
    /// <summary>RTP bytes (header and payload, before SRTP) of forwarded and retransmitted copies.</summary>
    public long BytesForwarded;
    /// <summary>Sequence numbers missing from publishers' streams when a later packet arrived (before NACKs recover them).</summary>
    public long Lost;
    /// <summary>Packets subscribers asked for again (each sequence number in their NACKs).</summary>
    public long NacksReceived;
    /// <summary>NACK packets we sent publishers for gaps in their streams.</summary>
    public long NacksSent;
    /// <summary>Key frames subscribers asked for (PLI and FIR).</summary>
    public long KeyFrameRequestsReceived;
    /// <summary>PLIs we sent publishers.</summary>
    public long PlisSent;
    private readonly long[] _dropped = new long[DropReasons.All.Length];

    public void Drop(DropReason reason) => _dropped[(int)reason]++;

    public long Dropped(DropReason reason) => Volatile.Read(ref _dropped[(int)reason]);
}
