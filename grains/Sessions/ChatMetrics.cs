using System.Diagnostics.Metrics;

namespace Engagement.Sessions;

/// <summary>
/// Meter "Engagement.Chat": where a chat message's time goes inside its session grain, one histogram per hop, so a
/// per-hop breakdown comes from <c>dotnet-counters</c> on a running silo (docs/benchmarks.md, "Where the time goes").
/// The hub's share is <c>engagement.realtime.send_message</c>; the store's own queue and commit are in "Engagement.Transcript".
/// </summary>
internal static class ChatMetrics
{
    public const string MeterName = MeterNames.Chat;
    private static readonly Meter Meter = new(MeterName);

    public static readonly Histogram<double> AppendQueue = Meter.CreateHistogram<double>(
        "engagement.chat.append_queue", "ms", "Time a message waited behind its session's previous message before going to the store");
    public static readonly Histogram<double> Store = Meter.CreateHistogram<double>(
        "engagement.chat.store", "ms", "Time from handing a message to the transcript store until the grain resumes with it durable");
    public static readonly Histogram<double> Deliver = Meter.CreateHistogram<double>(
        "engagement.chat.deliver", "ms", "Time to hand a durable message to its listeners' silos (for this silo's connections: up to the SignalR write)");
}
