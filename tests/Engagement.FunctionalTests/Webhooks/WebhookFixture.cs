using System.Text.Json.Nodes;
using Engagement.FunctionalTests.Api;
using Engagement.FunctionalTests.EndToEnd;
using Engagement.Webhooks;

namespace Engagement.FunctionalTests.Webhooks;

/// <summary>
/// A node (the silo's own composition on a fresh database) whose webhooks may reach loopback and retry within a
/// second — three attempts, 0.2 s and 0.4 s apart, each given 1 s — and a <see cref="WebhookReceiver"/> on 127.0.0.1.
/// No test but <see cref="WebhookClusterTests"/> subscribes to conversation.labels_changed.
/// </summary>
public sealed class WebhookFixture : IAsyncLifetime
{
    public const int MaxAttempts = 3;

    public EndToEndFixture Server { get; } = EndToEndFixture.With(new Dictionary<string, string?>
    {
        [$"{WebhookOptions.Section}:{nameof(WebhookOptions.AllowPrivateTargets)}"] = "true",
        [$"{WebhookOptions.Section}:{nameof(WebhookOptions.MaxAttempts)}"] = MaxAttempts.ToString(),
        [$"{WebhookOptions.Section}:{nameof(WebhookOptions.RetryBaseDelay)}"] = "00:00:00.200",
        [$"{WebhookOptions.Section}:{nameof(WebhookOptions.RetryBackoffFactor)}"] = "2",
        [$"{WebhookOptions.Section}:{nameof(WebhookOptions.RequestTimeout)}"] = "00:00:01",
        [$"{WebhookOptions.Section}:{nameof(WebhookOptions.ClaimLease)}"] = "00:00:05",
        [$"{WebhookOptions.Section}:{nameof(WebhookOptions.PollInterval)}"] = "00:00:00.200",
        // Long: a node learns of another's subscription changes only through NOTIFY (WebhookClusterTests).
        [$"{WebhookOptions.Section}:{nameof(WebhookOptions.SubscriptionRefresh)}"] = "00:10:00",
    });

    public WebhookReceiver Receiver { get; private set; } = null!;

    public ApiClient Api => new(Server.Node.BaseUrl);

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        Receiver = await WebhookReceiver.StartAsync();
    }

    /// <summary>A subscription to <paramref name="eventTypes"/> at a new hook of the receiver, which is told its secret.</summary>
    public async Task<Hook> SubscribeAsync(params string[] eventTypes)
    {
        var url = Receiver.NewHook(out var name);
        var created = await Api.OkAsync(HttpMethod.Post, "/api/webhooks", Server.AdminToken, new { url, eventTypes, description = "test " + name });
        var hook = new Hook(name, created["subscription"]!["id"]!.GetValue<string>(), created["secret"]!.GetValue<string>());
        Receiver.Accept(name, hook.Secret);
        return hook;
    }

    /// <summary>Polls the subscription's delivery log until a delivery matches; the timeout only bounds a failing test.</summary>
    public async Task<JsonNode> WaitForDeliveryAsync(string subscriptionId, Func<JsonNode, bool> match, string query = "", int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await Api.OkAsync(HttpMethod.Get, $"/api/webhooks/{subscriptionId}/deliveries{query}", Server.AdminToken);
            if (last.AsArray().FirstOrDefault(d => match(d!)) is { } hit) return hit;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No delivery of {subscriptionId} matched within {seconds}s: {last?.ToJsonString()}");
    }

    public async Task DisposeAsync()
    {
        if (Receiver is not null) await Receiver.DisposeAsync();
        await Server.DisposeAsync();
    }

    public sealed record Hook(string Name, string SubscriptionId, string Secret);
}

[CollectionDefinition(Name)]
public sealed class WebhookCollection : ICollectionFixture<WebhookFixture>
{
    public const string Name = "webhooks";
}
