using Engagement.Media.Dtls;
using Engagement.Media.Telemetry;
using Engagement.Media.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Media.Tests.Telemetry;

/// <summary>Telemetry for DTLS sessions tested on their own, outside an engine.</summary>
internal static class QuietTelemetry
{
    public static MediaMetrics Metrics() => new(null, "test", new PacketCounters(), () => 0, () => 0);

    public static DtlsTelemetry Dtls(ILogger? logger = null, MediaMetrics? metrics = null) =>
        new(logger ?? NullLogger.Instance, metrics ?? Metrics());
}
