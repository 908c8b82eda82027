using Microsoft.Extensions.Logging;

namespace Engagement.Media.Dtls;

/// <summary>What the DTLS layer logs: category Engagement.Media.Dtls, event ids 200–299.</summary>
internal static partial class DtlsLog
{
    public const string Category = "Engagement.Media.Dtls";

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "DTLS handshake with {Peer} completed")]
    public static partial void HandshakeCompleted(ILogger logger, string peer);

    /// <summary>A peer that cannot or will not complete the handshake (wrong certificate, no SRTP, garbage, silence).</summary>
    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "DTLS handshake with {Peer} failed ({Reason}): {Detail}")]
    public static partial void HandshakeFailed(ILogger logger, string peer, string reason, string detail);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "DTLS handshake with {Peer} abandoned: the peer left first")]
    public static partial void HandshakeAbandoned(ILogger logger, string peer);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning,
        Message = "The DTLS handshake pool is full ({Capacity} waiting): a new handshake waits for the peer's next retransmission ({Held} more since the last such line)")]
    public static partial void PoolFull(ILogger logger, int capacity, long held);

    [LoggerMessage(EventId = 204, Level = LogLevel.Debug, Message = "DTLS association with {Peer} ended after the handshake: {Detail}")]
    public static partial void AssociationEnded(ILogger logger, string peer, string detail);

    [LoggerMessage(EventId = 205, Level = LogLevel.Error, Message = "A job on the DTLS handshake pool threw; the pool thread carries on")]
    public static partial void PoolJobFailed(ILogger logger, Exception exception);
}
