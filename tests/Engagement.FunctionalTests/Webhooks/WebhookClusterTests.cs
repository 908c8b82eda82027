using Engagement.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.FunctionalTests.Webhooks;

/// <summary>Two nodes: a subscription saved on one is known to the other through NOTIFY, and with both dispatchers claiming, each event arrives once.</summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookClusterTests(WebhookFixture fixture)
{
    private const string Type = WebhookEventTypes.ConversationLabelsChanged;

    [Fact]
    public async Task A_subscription_saved_on_one_node_reaches_the_other_and_with_two_dispatchers_each_event_arrives_once()
    {
        var second = await fixture.Server.StartNodeAsync();
        try
        {
            var secondView = second.Services.GetRequiredService<WebhookSubscriptionCache>();
            await Until(() => !secondView.Wants(Type), "the second node to read the subscriptions"); // none wants it yet

            var hook = await fixture.SubscribeAsync(Type); // on the first node
            await Until(() => secondView.Wants(Type), "the second node to hear of the new subscription");

            var outbox = second.Services.GetRequiredService<IWebhookOutbox>();
            var events = Enumerable.Range(0, 40)
                .Select(i => new WebhookEvent($"evt_{Guid.NewGuid():N}", Type, DateTimeOffset.UtcNow, new { labels = new[] { $"label-{i}" } }))
                .ToList();
            await outbox.PublishAsync(events);

            foreach (var e in events) await fixture.Receiver.WaitForAsync(hook.Name, r => r.EventId == e.Id);
            foreach (var e in events)
                await fixture.WaitForDeliveryAsync(hook.SubscriptionId, d => d["eventId"]!.GetValue<string>() == e.Id && d["status"]!.GetValue<string>() == "delivered", "?limit=200");
            var received = fixture.Receiver.For(hook.Name);
            Assert.Equal(events.Select(e => e.Id).Order(), received.Select(r => r.EventId).Order());
            Assert.All(received, r => Assert.True(r.SignatureValid));
        }
        finally
        {
            await fixture.Server.StopNodeAsync(second);
        }
    }

    /// <summary>Waits for a condition another node brings about; the timeout only bounds a failing test.</summary>
    private static async Task Until(Func<bool> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {seconds}s for {what}.");
            await Task.Delay(25);
        }
    }
}
