using Engagement.Storage;

namespace Engagement.Webhooks;

/// <summary>
/// message.created deliveries, written by the transcript batch's own statement (<see cref="ITranscriptOutbox"/>):
/// one row per stored message and active subscription to the type, which references the transcript row rather
/// than copying it; the dispatcher reads the message when it sends. The event id is "msg_{sessionId}_{seq}", so
/// a message is one event however often its batch is retried. Staff-only entries (whispers, supervision events,
/// <see cref="MessageAudience"/>) get no delivery: a webhook may carry the chat to the customer.
/// </summary>
internal sealed class MessageCreatedOutbox(WebhookSubscriptionCache subscriptions, DeliverySignal signal) : ITranscriptOutbox
{
    private const string Type = WebhookEventTypes.MessageCreated;

    private static readonly string StaffOnlyKinds =
        string.Join(", ", Enum.GetValues<MessageKind>().Where(MessageAudience.IsStaffOnly).Select(k => ((int)k).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public bool IsWanted => subscriptions.WantsMessages;

    public string InsertSql(string messages, string? condition) =>
        "INSERT INTO engagement.webhook_delivery (subscription_id, event_id, event_type, occurred_at, session_id, seq) " +
        $"SELECT s.id, 'msg_' || m.session_id || '_' || m.seq, '{Type}', m.at, m.session_id, m.seq " +
        $"FROM {messages} CROSS JOIN engagement.webhook_subscription s " +
        $"WHERE s.active AND s.event_types @> ARRAY['{Type}'] AND m.kind NOT IN ({StaffOnlyKinds})" + (condition is null ? "" : $" AND {condition}") +
        " ON CONFLICT (subscription_id, event_id) WHERE replay_of IS NULL DO NOTHING";

    public void Committed() => signal.Wake();
}
