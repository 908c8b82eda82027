using System.Diagnostics.Metrics;

namespace Engagement.Conversations;

/// <summary>
/// Meter "Engagement.Conversations": unresolved conversations by queue, status and channel, as the inbox last counted
/// them (<see cref="InboxGrain"/>: a count at most every 500 ms after a change). Reported by the silo where the inbox
/// is active, so the series moves with it, and by no silo while nothing has touched the inbox since its last
/// deactivation. Resolved conversations are history, not load, and are not counted.
/// </summary>
internal static class ConversationMetrics
{
    public const string MeterName = MeterNames.Conversations;
    private static readonly Meter Meter = new(MeterName);
    private static volatile InboxCount[] _latest = [];

    static ConversationMetrics() => Meter.CreateObservableGauge("engagement.conversations", Observe, "{conversation}",
        "Unresolved conversations by queue, status (open, pending, snoozed) and channel, as the inbox last counted them");

    public static void Counted(InboxCounts counts) => _latest = counts.Counts;

    public static void Deactivated() => _latest = [];

    private static IEnumerable<Measurement<int>> Observe() =>
        _latest.GroupBy(c => (c.QueueId, c.Status, c.Channel)).Select(g => new Measurement<int>(g.Sum(c => c.Count),
            new KeyValuePair<string, object?>("queue", g.Key.QueueId),
            new KeyValuePair<string, object?>("status", g.Key.Status.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("channel", g.Key.Channel)));
}
