namespace Engagement.Api.Endpoints.Webhooks;

/// <summary>
/// A subscription to create or replace: <see cref="Url"/> and <see cref="EventTypes"/> are required,
/// <see cref="Active"/> is true when left out, a missing <see cref="Description"/> clears it.
/// </summary>
public sealed record WebhookSubscriptionRequest(string? Url, string?[]? EventTypes, bool? Active, string? Description);
