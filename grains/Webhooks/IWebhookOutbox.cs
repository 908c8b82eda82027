namespace Engagement.Webhooks;

/// <summary>An event for webhook subscribers.</summary>
/// <param name="Id">The idempotency id receivers see: unique per event (at most <see cref="WebhookOptions.MaxEventIdLength"/> characters).</param>
/// <param name="Type">One of <see cref="WebhookEventTypes.Subscribable"/>.</param>
/// <param name="Data">The payload: serialized as the API's JSON (camelCase, enums as camelCase strings).</param>
public sealed record WebhookEvent(string Id, string Type, DateTimeOffset OccurredAt, object Data);

/// <summary>
/// Where grains publish webhook events. Publishing is durable: when the task completes, one delivery per active
/// subscription to the event's type is committed to PostgreSQL, and the dispatchers deliver it at least once. An
/// event id published again adds nothing (idempotent per event id and subscription). An event no subscription
/// wants (this silo's view, refreshed on every change) costs no database round trip. message.created is not
/// published here: the transcript store writes it with the messages.
/// </summary>
public interface IWebhookOutbox
{
    Task PublishAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken = default);

    /// <summary>Several events in one statement (one round trip, one commit).</summary>
    Task PublishAsync(IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken = default);
}
