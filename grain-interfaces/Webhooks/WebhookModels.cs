using System.Text.Json;

namespace Engagement.Webhooks;

/// <summary>A webhook subscription as admins see it; its secret is shown only on create and on rotation.</summary>
public sealed record WebhookSubscription(
    string Id, string Url, string[] EventTypes, bool Active, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What an admin sets on create and update (the whole subscription but its id and secret), already checked for shape.</summary>
public sealed record WebhookSubscriptionDraft(string Url, string[] EventTypes, bool Active, string? Description);

/// <summary>A subscription just created, with the secret that signs its deliveries: shown this once.</summary>
public sealed record CreatedWebhookSubscription(WebhookSubscription Subscription, string Secret);

/// <summary>
/// A new secret, shown this once. Deliveries also carry a signature with the previous secret until
/// <see cref="PreviousSecretValidUntil"/>, so receivers can switch without losing any.
/// </summary>
public sealed record RotatedWebhookSecret(string SubscriptionId, string Secret, DateTimeOffset PreviousSecretValidUntil);

public enum WebhookDeliveryStatus
{
    /// <summary>Not delivered yet: due at <see cref="WebhookDelivery.NextAttemptAt"/>, or an attempt is out.</summary>
    Pending = 0,
    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 1,
    /// <summary>Every attempt failed (the dead-letter list); an admin may replay it.</summary>
    Dead = 2,
}

/// <summary>One event for one subscription and where its delivery stands.</summary>
/// <param name="EventId">The idempotency id the receiver sees: a replay carries the same one.</param>
/// <param name="ReplayOf">The delivery this one sends again, if it is a replay.</param>
public sealed record WebhookDelivery(
    long Id, string SubscriptionId, string EventId, string EventType, DateTimeOffset OccurredAt, WebhookDeliveryStatus Status,
    int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt,
    int? LastStatusCode, string? LastError, long? ReplayOf);

/// <summary>One attempt to deliver: the receiver's status code, or the error that stopped it, and a bounded excerpt of its answer.</summary>
public sealed record WebhookAttempt(int Attempt, DateTimeOffset At, int? StatusCode, string? Error, double DurationMs, string? ResponseExcerpt);

/// <summary>A delivery with every attempt and the event's data as sent (null if the message it describes is no longer stored).</summary>
public sealed record WebhookDeliveryDetail(WebhookDelivery Delivery, WebhookAttempt[] Attempts, JsonElement? Data);
