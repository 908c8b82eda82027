using System.Diagnostics.Metrics;

namespace Engagement.Sessions;

/// <summary>Meter "Engagement.Sessions": what happens to sessions as a whole (the chat path's hops are in <see cref="ChatMetrics"/>).</summary>
internal static class SessionMetrics
{
    public const string MeterName = MeterNames.Sessions;
    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> SlaBreaches = Meter.CreateCounter<long>(
        "engagement.session.sla_breaches", "{breach}", "SLA clocks that ran past their target, by kind (first_response, next_response, resolution)");

    public static void SlaBreached(SlaKind kind) => SlaBreaches.Add(1, new KeyValuePair<string, object?>("kind", kind switch
    {
        SlaKind.FirstResponse => "first_response",
        SlaKind.NextResponse => "next_response",
        SlaKind.Resolution => "resolution",
        _ => "other",
    }));
}
