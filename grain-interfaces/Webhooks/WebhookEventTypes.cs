namespace Engagement.Webhooks;

/// <summary>
/// The names of webhook events, in one place: publishers use these constants, subscriptions may name only
/// <see cref="Subscribable"/> ones, and docs/webhooks.md describes each (a unit test compares the two).
/// </summary>
public static class WebhookEventTypes
{
    public const string ConversationCreated = "conversation.created";
    public const string ConversationStatusChanged = "conversation.status_changed";
    public const string ConversationAssigned = "conversation.assigned";
    public const string ConversationLabelsChanged = "conversation.labels_changed";
    public const string SessionRated = "session.rated";

    /// <summary>A session's SLA clock passed its due time (docs/protocol.md, SLA policy).</summary>
    public const string SessionSlaBreached = "session.sla_breached";

    /// <summary>A chat message was stored (written with the transcript, in the same transaction).</summary>
    public const string MessageCreated = "message.created";

    /// <summary>A test event an admin sends to one subscription on demand; never subscribed to.</summary>
    public const string Ping = "webhook.ping";

    /// <summary>The types a subscription may name, in the order the docs list them.</summary>
    public static IReadOnlyList<string> Subscribable { get; } =
    [
        ConversationCreated, ConversationStatusChanged, ConversationAssigned, ConversationLabelsChanged, SessionRated, SessionSlaBreached, MessageCreated,
    ];

    public static bool IsSubscribable(string? type) => type is not null && Subscribable.Contains(type, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="type"/> is any event type this server sends (<see cref="Ping"/> included).</summary>
    public static bool IsKnown(string? type) => type == Ping || IsSubscribable(type);
}
