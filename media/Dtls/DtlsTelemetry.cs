using Engagement.Media.Telemetry;
using Microsoft.Extensions.Logging;
using Org.BouncyCastle.Tls;

namespace Engagement.Media.Dtls;

/// <summary>
/// How DTLS outcomes are logged and counted: one place that turns a BouncyCastle exception into a bounded
/// reason (the metric tag) and a level (a peer's failure is Information, a bug in our pool an Error).
/// </summary>
internal sealed class DtlsTelemetry(ILogger logger, MediaMetrics metrics)
{
    private readonly LogGate _poolFull = new(TimeSpan.FromSeconds(10));

    public void Completed(string peer, TimeSpan took)
    {
        metrics.HandshakeEnded("completed", "none", took);
        DtlsLog.HandshakeCompleted(logger, peer);
    }

    public void Failed(string peer, Exception e, TimeSpan took)
    {
        var reason = Reason(e);
        metrics.HandshakeEnded("failed", reason, took);
        DtlsLog.HandshakeFailed(logger, peer, reason, e.Message);
    }

    public void Abandoned(string peer, TimeSpan took)
    {
        metrics.HandshakeEnded("abandoned", "peer_left", took);
        DtlsLog.HandshakeAbandoned(logger, peer);
    }

    public void AssociationEnded(string peer, Exception e) => DtlsLog.AssociationEnded(logger, peer, e.Message);

    public void PoolFull(int capacity)
    {
        if (_poolFull.TryPass(out var held)) DtlsLog.PoolFull(logger, capacity, held);
    }

    public void PoolJobFailed(Exception e)
    {
        metrics.InternalError("dtls_pool");
        DtlsLog.PoolJobFailed(logger, e);
    }

    /// <summary>A bounded tag: the alert we sent or received, a timeout, or "error".</summary>
    internal static string Reason(Exception e) => e switch
    {
        TlsFatalAlertReceived received => "received_" + AlertDescription.GetName(received.AlertDescription),
        TlsFatalAlert sent => AlertDescription.GetName(sent.AlertDescription),
        TlsTimeoutException => "timeout",
        _ => "error",
    };
}
