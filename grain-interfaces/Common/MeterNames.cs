namespace Engagement;

/// <summary>
/// The names of our meters, one per area (System.Diagnostics.Metrics). The metrics wiring (api/Telemetry) exports
/// every meter named here; docs/operations.md, "Metrics", lists each instrument with its unit and meaning.
/// </summary>
public static class MeterNames
{
    public const string Hubs = "Engagement.Hubs";
    public const string Realtime = "Engagement.Realtime";
    public const string Chat = "Engagement.Chat";
    public const string Queues = "Engagement.Queues";
    public const string Sessions = "Engagement.Sessions";
    public const string Conversations = "Engagement.Conversations";
    public const string Context = "Engagement.Context";
    public const string Transcript = "Engagement.Transcript";
    public const string Webhooks = "Engagement.Webhooks";

    /// <summary>The media engine's meter (media/Telemetry/MediaMetrics.MeterName: that library references none of ours).</summary>
    public const string Media = "Engagement.Media";

    public static IReadOnlyList<string> All { get; } = [Hubs, Realtime, Chat, Queues, Sessions, Conversations, Context, Transcript, Webhooks, Media];
}
