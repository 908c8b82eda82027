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
    private readonly long[] _dropped = new long[DropReasons.All.Length];

    public void Drop(DropReason reason) => _dropped[(int)reason]++;

    public long Dropped(DropReason reason) => Volatile.Read(ref _dropped[(int)reason]);
}
