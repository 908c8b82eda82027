using System.Diagnostics.Metrics;

namespace Engagement.Api.Context;

/// <summary>Meter "Engagement.Context": live context signals (from the widget, devices, back-end systems) this silo published to customers' streams.</summary>
internal static class ContextMetrics
{
    public const string MeterName = MeterNames.Context;
    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Signals = Meter.CreateCounter<long>(
        "engagement.context.signals", "{signal}", "Context signals published to customers' streams");
}
