using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Engagement.Queues;

/// <summary>
/// Meter "Engagement.Queues": sessions waiting per queue, offers and how they ended, and how long sessions waited.
/// The waiting count is what this silo's queue activations hold; summed over silos it is the cluster's (each queue
/// grain is active on one silo, and drops its figure when it deactivates).
/// </summary>
internal static class QueueMetrics
{
    public const string MeterName = MeterNames.Queues;
    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<string, int> WaitingByQueue = new(StringComparer.Ordinal);

    public static readonly Counter<long> Offers = Meter.CreateCounter<long>(
        "engagement.queue.offers", "{offer}", "Offers made to agents");
    /// <summary>Tagged <c>outcome</c>: accepted, declined, timed_out, agent_offline or withdrawn.</summary>
    public static readonly Counter<long> OfferOutcomes = Meter.CreateCounter<long>(
        "engagement.queue.offer_outcomes", "{offer}", "Offers ended, by outcome");
    public static readonly Histogram<double> Wait = Meter.CreateHistogram<double>(
        "engagement.queue.wait", "s", "Time a session waited in its queue until an agent answered it");

    static QueueMetrics() => Meter.CreateObservableGauge("engagement.queue.sessions.waiting", ObserveWaiting, "{session}", "Sessions waiting in a queue, by queue");

    public static void Waiting(string queueId, int count) => WaitingByQueue[queueId] = count;

    public static void Deactivated(string queueId) => WaitingByQueue.TryRemove(queueId, out _);

    public static void OfferEnded(string outcome) => OfferOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static string Outcome(OfferEndReason reason) => reason switch
    {
        OfferEndReason.Declined => "declined",
        OfferEndReason.TimedOut => "timed_out",
        OfferEndReason.AgentOffline => "agent_offline",
        OfferEndReason.Withdrawn => "withdrawn",
        _ => "other",
    };

    private static IEnumerable<Measurement<int>> ObserveWaiting()
    {
        foreach (var (queue, count) in WaitingByQueue) yield return new Measurement<int>(count, new KeyValuePair<string, object?>("queue", queue));
    }
}
