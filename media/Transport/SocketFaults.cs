using System.Net.Sockets;
using Engagement.Media.Telemetry;
using Microsoft.Extensions.Logging;

namespace Engagement.Media.Transport;

/// <summary>
/// What the UDP port does with a fault it survives: count it, and log it at its level, at most one line per
/// kind every 10 s (a fault on the packet path can repeat with every packet).
/// </summary>
internal sealed class SocketFaults(PacketCounters counters, ILogger logger)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly LogGate _dispatch = new(Interval);
    private readonly LogGate _send = new(Interval);
    private readonly LogGate _receive = new(Interval);

    /// <summary>Parsers reject bad input without throwing, so a throw while handling a datagram is a bug.</summary>
    public void DispatchFailed(int length, Exception e)
    {
        counters.Drop(DropReason.DispatchFailed);
        if (_dispatch.TryPass(out var held)) TransportLog.DispatchFailed(logger, length, held, e);
    }

    /// <summary>A full send buffer or an unreachable peer loses one datagram; RTP tolerates loss.</summary>
    public void SendFailed(SocketException e)
    {
        counters.Drop(DropReason.SendFailed);
        if (_send.TryPass(out var held)) TransportLog.SendFailed(logger, e.SocketErrorCode, held);
    }

    /// <summary>
    /// Linux reports an ICMP port unreachable for an earlier send as ConnectionReset on the next receive: a peer that
    /// went away, expected. Anything else is unusual; the port keeps receiving either way.
    /// </summary>
    public void ReceiveFailed(SocketException e)
    {
        if (!_receive.TryPass(out var held)) return;
        if (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable)
            TransportLog.PeerUnreachable(logger, e.SocketErrorCode, held);
        else
            TransportLog.ReceiveFailed(logger, e.SocketErrorCode, held, e);
    }
}
