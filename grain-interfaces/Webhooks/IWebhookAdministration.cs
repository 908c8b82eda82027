namespace Engagement.Webhooks;

/// <summary>
/// Webhook subscriptions, for admins (grains/Webhooks implements it on PostgreSQL; the REST endpoints call it).
/// Unknown ids fail with <see cref="ErrorCodes.NotFound"/>, refused targets with <see cref="ErrorCodes.Invalid"/>.
/// A change is seen by this silo's publishers when the call returns and by the others' within moments.
/// </summary>
public interface IWebhookSubscriptions
{
    /// <summary>Why <paramref name="url"/> may not be a webhook target (not http or https, or a refused address), or null if it may.</summary>
    Task<string?> RefusalOfAsync(string url, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken = default);

    Task<WebhookSubscription> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Creates a subscription with a new secret; <see cref="ErrorCodes.Conflict"/> when there are already as many as allowed.</summary>
    Task<CreatedWebhookSubscription> CreateAsync(WebhookSubscriptionDraft draft, CancellationToken cancellationToken = default);

    Task<WebhookSubscription> UpdateAsync(string id, WebhookSubscriptionDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Deletes the subscription and its deliveries (pending ones are never sent).</summary>
    Task DeleteAsync(string id, CancellationToken cancellationToken = default);

    Task<RotatedWebhookSecret> RotateSecretAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>The delivery log of a subscription, the dead-letter list among it, and what an admin may send again.</summary>
public interface IWebhookDeliveries
{
    /// <summary>Deliveries of the subscription, newest first: at most <paramref name="limit"/>, with ids below <paramref name="before"/> if given.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListAsync(
        string subscriptionId, WebhookDeliveryStatus? status, long? before, int limit, CancellationToken cancellationToken = default);

    Task<WebhookDeliveryDetail> GetAsync(string subscriptionId, long deliveryId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a delivered or dead delivery again as a new delivery with the same event id (due now, attempts from
    /// one); <see cref="ErrorCodes.Conflict"/> while it is still pending.
    /// </summary>
    Task<WebhookDelivery> ReplayAsync(string subscriptionId, long deliveryId, CancellationToken cancellationToken = default);

    /// <summary>Sends a <see cref="WebhookEventTypes.Ping"/> event to the subscription, whatever types it names.</summary>
    Task<WebhookDelivery> PingAsync(string subscriptionId, CancellationToken cancellationToken = default);
}
