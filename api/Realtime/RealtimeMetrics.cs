using System.Diagnostics.Metrics;

namespace Engagement.Api.Realtime;

/// <summary>
/// Meter "Engagement.Realtime": how often listeners had to be rebuilt and gaps chased, per silo process, how long the
/// hub's SendMessage takes (the outermost hop of docs/benchmarks.md's per-hop breakdown), and how broadcasts to watch
/// groups were coalesced.
/// </summary>
internal static class RealtimeMetrics
{
    public const string MeterName = MeterNames.Realtime;
    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> RenewalRequests = Meter.CreateCounter<long>(
        "engagement.realtime.renewal_requests", description: "Grains that (re)activated and asked this silo for their listeners");
    public static readonly Counter<long> GapFills = Meter.CreateCounter<long>(
        "engagement.realtime.gap_fills", description: "Times a connection waited on a missing message and the session was asked for it");
    public static readonly Histogram<double> SendMessage = Meter.CreateHistogram<double>(
        "engagement.realtime.send_message", "ms", "A SendMessage call in the hub, from its start until the durable acknowledgement is in hand");
    public static readonly Counter<long> BroadcastEvents = Meter.CreateCounter<long>(
        "engagement.realtime.broadcast_events", description: "Events broadcast to a watch group of this silo (directory, site visitors, dashboard)");
    public static readonly Counter<long> BroadcastPasses = Meter.CreateCounter<long>(
        "engagement.realtime.broadcast_passes", description: "Passes over a watch group's connections: one frame per member each; fewer than events when bursts were coalesced");
    public static readonly Counter<long> GapsSkipped = Meter.CreateCounter<long>(
        "engagement.realtime.gaps_skipped", description: "Missing messages that never arrived (a hole in an old transcript)");
}
