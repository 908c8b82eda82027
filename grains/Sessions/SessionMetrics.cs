using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Engagement.Sessions;

/// <summary>
/// Meter "Engagement.Sessions": what happens to sessions as a whole (the chat path's hops are in <see cref="ChatMetrics"/>).
/// The live count is read from the session activations of this silo when a scrape asks, not kept by hand at each
/// change of status, so no path that changes one can leave it wrong; summed over silos it is the cluster's.
/// </summary>
internal static class SessionMetrics
{
    public const string MeterName = MeterNames.Sessions;
    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<string, SessionCore> Live = new(StringComparer.Ordinal);

    static SessionMetrics() => Meter.CreateObservableGauge("engagement.sessions", ObserveLive, "{session}",
        "Sessions not yet ended on this silo, by queue and status (requested, queued, offered, active, wrap_up)");

    /// <summary>The session's activation is counted from now until <see cref="Deactivated"/> (while it has not ended).</summary>
    public static void Activated(SessionCore session) => Live[session.Id] = session;

    public static void Deactivated(SessionCore session) => Live.TryRemove(new KeyValuePair<string, SessionCore>(session.Id, session));

    private static readonly Counter<long> SlaBreaches = Meter.CreateCounter<long>(
        "engagement.session.sla_breaches", "{breach}", "SLA clocks that ran past their target, by kind (first_response, next_response, resolution)");

    public static void SlaBreached(SlaKind kind) => SlaBreaches.Add(1, new KeyValuePair<string, object?>("kind", kind switch
    {
        SlaKind.FirstResponse => "first_response",
        SlaKind.NextResponse => "next_response",
        SlaKind.Resolution => "resolution",
        _ => "other",
    }));

    /// <summary>Reads each activation's status off its own scheduler: two plain fields, so at worst a change in flight is seen a scrape late.</summary>
    private static IEnumerable<Measurement<int>> ObserveLive()
    {
        var counts = new Dictionary<(string Queue, SessionStatus Status), int>();
        foreach (var session in Live.Values)
        {
            var state = session.S;
            if (!state.Exists || SessionLifecycle.IsEnded(state.Status)) continue;
            var key = (state.QueueId, state.Status);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        foreach (var ((queue, status), count) in counts)
            yield return new Measurement<int>(count, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("status", StatusTag(status)));
    }

    private static string StatusTag(SessionStatus status) => status switch
    {
        SessionStatus.Requested => "requested",
        SessionStatus.Queued => "queued",
        SessionStatus.Offered => "offered",
        SessionStatus.Active => "active",
        SessionStatus.WrapUp => "wrap_up",
        _ => "other",
    };
}
