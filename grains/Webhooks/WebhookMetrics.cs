using System.Diagnostics.Metrics;

namespace Engagement.Webhooks;

/// <summary>Meter "Engagement.Webhooks": attempts by outcome and how long they took.</summary>
internal static class WebhookMetrics
{
    public const string MeterName = MeterNames.Webhooks;
    private static readonly Meter Meter = new(MeterName);

    /// <summary>Tagged <c>outcome</c>: delivered, retry or dead.</summary>
    public static readonly Counter<long> Attempts = Meter.CreateCounter<long>("engagement.webhooks.attempts", "{attempt}", "Delivery attempts made");
    public static readonly Histogram<double> AttemptDuration = Meter.CreateHistogram<double>("engagement.webhooks.attempt_duration", "ms", "Time from sending a delivery to its answer (or failure)");
    public static readonly Histogram<int> ClaimSize = Meter.CreateHistogram<int>("engagement.webhooks.claim_size", "{delivery}", "Deliveries taken by one claim");
}
