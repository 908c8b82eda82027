using System.Text.Json.Nodes;
using Engagement.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.FunctionalTests.Webhooks;

/// <summary>The admins' REST API for subscriptions: validation with codes and fields, secrets shown once, rotation, pings, deactivation, deletion.</summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookSubscriptionTests(WebhookFixture fixture)
{
    private string Admin => fixture.Server.AdminToken;

    [Fact]
    public async Task Unknown_event_types_and_urls_that_are_not_http_are_refused_with_the_field_at_fault()
    {
        var url = fixture.Receiver.NewHook(out _);

        var (status, problem) = await fixture.Api.SendAsync(HttpMethod.Post, "/api/webhooks", Admin, new { url, eventTypes = new[] { "conversation.created", "conversation.exploded" } });
        Assert.Equal(400, status);
        Assert.Equal("invalid", problem!["code"]!.GetValue<string>());
        Assert.Contains("conversation.exploded", problem["errors"]!["eventTypes"]![0]!.GetValue<string>());

        (status, problem) = await fixture.Api.SendAsync(HttpMethod.Post, "/api/webhooks", Admin, new { url, eventTypes = new[] { WebhookEventTypes.Ping } });
        Assert.Equal(400, status);
        Assert.NotNull(problem!["errors"]!["eventTypes"]);

        (status, problem) = await fixture.Api.SendAsync(HttpMethod.Post, "/api/webhooks", Admin, new { url = "ftp://127.0.0.1/hook", eventTypes = new[] { "session.rated" } });
        Assert.Equal(400, status);
        Assert.NotNull(problem!["errors"]!["url"]);

        var types = await fixture.Api.OkAsync(HttpMethod.Get, "/api/webhooks/event-types", Admin);
        Assert.Equal(WebhookEventTypes.Subscribable, types.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task The_secret_is_shown_once_and_after_a_rotation_both_secrets_sign_for_a_while()
    {
        var hook = await fixture.SubscribeAsync(WebhookEventTypes.SessionRated);
        var read = await fixture.Api.OkAsync(HttpMethod.Get, $"/api/webhooks/{hook.SubscriptionId}", Admin);
        Assert.Null(read["secret"]);
        Assert.DoesNotContain(hook.Secret, (await fixture.Api.OkAsync(HttpMethod.Get, "/api/webhooks", Admin)).ToJsonString());

        var ping = await PingAsync(hook.SubscriptionId);
        var pinged = await fixture.Receiver.WaitForAsync(hook.Name, r => r.DeliveryId == ping);
        Assert.Equal((WebhookEventTypes.Ping, 1), (pinged.EventType, pinged.Signatures));
        Assert.Equal([hook.Secret], pinged.Verified);
        Assert.Equal(hook.SubscriptionId, pinged.Body.GetProperty("data").GetProperty("subscriptionId").GetString());

        var rotated = await fixture.Api.OkAsync(HttpMethod.Post, $"/api/webhooks/{hook.SubscriptionId}/secret", Admin);
        var secret = rotated["secret"]!.GetValue<string>();
        Assert.NotEqual(hook.Secret, secret);
        fixture.Receiver.Accept(hook.Name, secret, hook.Secret);
        var afterRotation = await PingAsync(hook.SubscriptionId);
        var signedTwice = await fixture.Receiver.WaitForAsync(hook.Name, r => r.DeliveryId == afterRotation);
        Assert.Equal(2, signedTwice.Signatures);
        Assert.Equal([secret, hook.Secret], signedTwice.Verified);
    }

    [Fact]
    public async Task An_inactive_subscription_gets_no_deliveries_and_a_deleted_one_is_gone()
    {
        var hook = await fixture.SubscribeAsync(WebhookEventTypes.ConversationAssigned);
        var url = new Uri(fixture.Receiver.BaseUrl, $"/hooks/{hook.Name}").ToString();
        var updated = await fixture.Api.OkAsync(HttpMethod.Put, $"/api/webhooks/{hook.SubscriptionId}", Admin,
            new { url, eventTypes = new[] { WebhookEventTypes.ConversationAssigned }, active = false, description = "paused" });
        Assert.False(updated["active"]!.GetValue<bool>());
        Assert.Equal("paused", updated["description"]!.GetValue<string>());

        var outbox = fixture.Server.Node.Services.GetRequiredService<IWebhookOutbox>();
        await outbox.PublishAsync(new WebhookEvent("evt_" + Guid.NewGuid().ToString("N"), WebhookEventTypes.ConversationAssigned, DateTimeOffset.UtcNow, new { agentId = "a-1" }));
        Assert.Empty((await fixture.Api.OkAsync(HttpMethod.Get, $"/api/webhooks/{hook.SubscriptionId}/deliveries", Admin)).AsArray());
        var (pingStatus, pingProblem) = await fixture.Api.SendAsync(HttpMethod.Post, $"/api/webhooks/{hook.SubscriptionId}/ping", Admin);
        Assert.Equal((409, "conflict"), (pingStatus, pingProblem!["code"]!.GetValue<string>()));

        var (deleted, _) = await fixture.Api.SendAsync(HttpMethod.Delete, $"/api/webhooks/{hook.SubscriptionId}", Admin);
        Assert.Equal(204, deleted);
        var (status, problem) = await fixture.Api.SendAsync(HttpMethod.Get, $"/api/webhooks/{hook.SubscriptionId}", Admin);
        Assert.Equal((404, "not_found"), (status, problem!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Only_admins_may_use_the_webhooks_api()
    {
        var queue = await fixture.Server.CreateQueueAsync();
        var agent = await fixture.Server.CreateAgentAsync(queue, "hooked");
        var (status, problem) = await fixture.Api.SendAsync(HttpMethod.Get, "/api/webhooks", agent.Token);
        Assert.Equal((403, "forbidden"), (status, problem!["code"]!.GetValue<string>()));
    }

    private async Task<long> PingAsync(string subscriptionId)
    {
        var (status, delivery) = await fixture.Api.SendAsync(HttpMethod.Post, $"/api/webhooks/{subscriptionId}/ping", Admin);
        Assert.Equal(202, status);
        return delivery!["id"]!.GetValue<long>();
    }
}
