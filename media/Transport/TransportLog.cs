using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Engagement.Media.Transport;

/// <summary>What the UDP port logs: category Engagement.Media.Transport, event ids 300–399.</summary>
internal static partial class TransportLog
{
    public const string Category = "Engagement.Media.Transport";

    /// <summary>The caller checks the level first: it builds <paramref name="reasons"/> only when the line is wanted.</summary>
    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, SkipEnabledCheck = true,
        Message = "Dropped {Total} datagram(s) in the last {Seconds} s: {Reasons}")]
    public static partial void PacketsDropped(ILogger logger, long total, double seconds, string reasons);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning,
        Message = "Handling a received {Length}-byte datagram threw; it was dropped and the port carries on ({Held} more since the last such line)")]
    public static partial void DispatchFailed(ILogger logger, int length, long held, Exception exception);

    [LoggerMessage(EventId = 302, Level = LogLevel.Debug,
        Message = "A send failed ({Error}): that datagram is lost, which RTP tolerates ({Held} more since the last such line)")]
    public static partial void SendFailed(ILogger logger, SocketError error, long held);

    [LoggerMessage(EventId = 303, Level = LogLevel.Debug,
        Message = "The socket reported {Error} for an earlier send (the peer's port is gone); receiving goes on ({Held} more since the last such line)")]
    public static partial void PeerUnreachable(ILogger logger, SocketError error, long held);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning,
        Message = "Receiving failed ({Error}); receiving goes on ({Held} more since the last such line)")]
    public static partial void ReceiveFailed(ILogger logger, SocketError error, long held, Exception exception);

    [LoggerMessage(EventId = 305, Level = LogLevel.Information,
        Message = "Packet thread of udp://{EndPoint} scheduled as {Scheduling}")]
    public static partial void PacketThreadScheduling(ILogger logger, System.Net.IPEndPoint endPoint, string scheduling);
}
