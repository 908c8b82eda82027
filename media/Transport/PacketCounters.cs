namespace Engagement.Media.Transport;

/// <summary>
/// Packet counters of the node. Written only by the packet thread (plain increments, no interlocked
/// cost on the hot path); other threads read them as approximate, monotonically growing values.
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
    public long DroppedUnknownAddress;
    public long DroppedUnprotectFailed;
    public long DroppedMalformed;
    public long DroppedSimulatedLoss;
}
