using Engagement.Api.Audit;
using Engagement.Audit;
using Engagement.Api.Auth;
using Engagement.Api.Validation;
using Engagement.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Endpoints.Webhooks;

/// <summary>Outgoing webhooks, for admins: subscriptions, their delivery log (with the dead-letter list), replays and pings (docs/webhooks.md).</summary>
internal static class WebhookEndpoints
{
    /// <summary>What the audit log shows of a subscription change (the URL, which may carry credentials, by name only).</summary>
    private static readonly string[] Shown = ["eventTypes", "active"];

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        group.MapGet("/event-types", () => TypedResults.Ok(WebhookEventTypes.Subscribable)).WithSummary("The event types a subscription may name.");
        group.MapGet("/", List).WithSummary("Every subscription (without secrets).");
        group.MapPost("/", Create).Audited(AuditActions.WebhookCreate, "webhook", null, Shown).WithSummary("Creates a subscription; the answer holds its secret, shown this once.");
        group.MapGet("/{id}", Get).WithSummary("One subscription; 404 if unknown.");
        group.MapPut("/{id}", Update).Audited(AuditActions.WebhookUpdate, "webhook", "id", Shown).WithSummary("Replaces a subscription's URL, event types, active flag and description; the secret stays.");
        group.MapDelete("/{id}", Delete).Audited(AuditActions.WebhookDelete, "webhook", "id").WithSummary("Deletes a subscription and its deliveries.");
        group.MapPost("/{id}/secret", Rotate).Audited(AuditActions.WebhookRotateSecret, "webhook", "id").WithSummary("Rotates the secret: the new one is shown this once; the previous one still signs for a while.");
        group.MapPost("/{id}/ping", Ping).Audited(AuditActions.WebhookPing, "webhook", "id").WithSummary("Sends a webhook.ping event to the subscription; 409 if it is inactive.");
        group.MapGet("/{id}/deliveries", Deliveries).WithSummary("The subscription's deliveries, newest first; ?status=pending|delivered|dead, ?before=<delivery id>, ?limit=1..200.");
        group.MapGet("/{id}/deliveries/{deliveryId}", Delivery).WithSummary("One delivery with every attempt and the event's data.");
        group.MapPost("/{id}/deliveries/{deliveryId}/replay", Replay).Audited(AuditActions.WebhookReplay, "webhook", "id").WithSummary("Sends a delivered or dead delivery again (same event id); 409 while it is pending.");
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<WebhookSubscription>>> List(IWebhookSubscriptions subscriptions, CancellationToken ct) =>
        TypedResults.Ok(await subscriptions.ListAsync(ct));

    private static async Task<Created<CreatedWebhookSubscription>> Create(WebhookSubscriptionRequest request, IWebhookSubscriptions subscriptions, CancellationToken ct)
    {
        var created = await subscriptions.CreateAsync(await DraftAsync(request, subscriptions, ct), ct);
        return TypedResults.Created($"/api/webhooks/{created.Subscription.Id}", created);
    }

    private static async Task<Ok<WebhookSubscription>> Get(string id, IWebhookSubscriptions subscriptions, CancellationToken ct) =>
        TypedResults.Ok(await subscriptions.GetAsync(InputRules.Id(id, "id"), ct));

    private static async Task<Ok<WebhookSubscription>> Update(string id, WebhookSubscriptionRequest request, IWebhookSubscriptions subscriptions, CancellationToken ct)
    {
        InputRules.Id(id, "id");
        return TypedResults.Ok(await subscriptions.UpdateAsync(id, await DraftAsync(request, subscriptions, ct), ct));
    }

    private static async Task<NoContent> Delete(string id, IWebhookSubscriptions subscriptions, CancellationToken ct)
    {
        await subscriptions.DeleteAsync(InputRules.Id(id, "id"), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<RotatedWebhookSecret>> Rotate(string id, IWebhookSubscriptions subscriptions, CancellationToken ct) =>
        TypedResults.Ok(await subscriptions.RotateSecretAsync(InputRules.Id(id, "id"), ct));

    private static async Task<Accepted<WebhookDelivery>> Ping(string id, IWebhookDeliveries deliveries, CancellationToken ct)
    {
        var ping = await deliveries.PingAsync(InputRules.Id(id, "id"), ct);
        return TypedResults.Accepted($"/api/webhooks/{id}/deliveries/{ping.Id}", ping);
    }

    private static async Task<Ok<IReadOnlyList<WebhookDelivery>>> Deliveries(
        string id, string? status, long? before, int? limit, IWebhookDeliveries deliveries, CancellationToken ct) =>
        TypedResults.Ok(await deliveries.ListAsync(
            InputRules.Id(id, "id"), Status(status), before, InputRules.Limit(limit ?? Limits.TranscriptPageDefault), ct));

    private static async Task<Ok<WebhookDeliveryDetail>> Delivery(string id, string deliveryId, IWebhookDeliveries deliveries, CancellationToken ct)
    {
        InputRules.Id(id, "id");
        return TypedResults.Ok(await deliveries.GetAsync(id, DeliveryId(id, deliveryId), ct));
    }

    private static async Task<Accepted<WebhookDelivery>> Replay(string id, string deliveryId, IWebhookDeliveries deliveries, CancellationToken ct)
    {
        InputRules.Id(id, "id");
        var replay = await deliveries.ReplayAsync(id, DeliveryId(id, deliveryId), ct);
        return TypedResults.Accepted($"/api/webhooks/{id}/deliveries/{replay.Id}", replay);
    }

    /// <summary>Checks the request's shape and the event types here, the target (SSRF) through the service's rule, each with its field.</summary>
    private static async Task<WebhookSubscriptionDraft> DraftAsync(WebhookSubscriptionRequest request, IWebhookSubscriptions subscriptions, CancellationToken ct)
    {
        var url = InputRules.RequiredText(request.Url, Limits.Url, "url");
        if (await subscriptions.RefusalOfAsync(url, ct) is { } refusal) throw new InputException("url", refusal);
        if (request.EventTypes is null || request.EventTypes.Length == 0)
            throw new InputException("eventTypes", $"eventTypes must name one or more of: {string.Join(", ", WebhookEventTypes.Subscribable)}.");
        foreach (var type in request.EventTypes)
        {
            if (!WebhookEventTypes.IsSubscribable(type))
                throw new InputException("eventTypes", $"'{type}' is not an event type a subscription may name; known: {string.Join(", ", WebhookEventTypes.Subscribable)}.");
        }
        var description = InputRules.OptionalText(request.Description, Limits.Title, "description");
        return new WebhookSubscriptionDraft(url, [.. request.EventTypes.Distinct(StringComparer.Ordinal)!], request.Active ?? true, description);
    }

    private static WebhookDeliveryStatus? Status(string? status) => status switch
    {
        null => null,
        "pending" => WebhookDeliveryStatus.Pending,
        "delivered" => WebhookDeliveryStatus.Delivered,
        "dead" => WebhookDeliveryStatus.Dead,
        _ => throw new InputException("status", "status must be pending, delivered or dead."),
    };

    /// <summary>Delivery ids are numbers; anything else names no delivery.</summary>
    private static long DeliveryId(string subscriptionId, string deliveryId) =>
        long.TryParse(InputRules.Id(deliveryId, "deliveryId"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : throw EngagementException.NotFound($"Webhook delivery {deliveryId} of subscription '{subscriptionId}'");
}
