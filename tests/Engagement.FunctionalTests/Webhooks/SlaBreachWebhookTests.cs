using System.Net.Http.Json;
using Engagement.FunctionalTests.EndToEnd;
using Engagement.Webhooks;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Webhooks;

/// <summary>A session's SLA breach reaches webhook subscribers as <c>session.sla_breached</c> (docs/webhooks.md), once per clock.</summary>
[Collection(WebhookCollection.Name)]
public sealed class SlaBreachWebhookTests(WebhookFixture fixture)
{
    [Fact]
    public async Task An_unanswered_chat_breaching_its_first_response_target_is_delivered_as_session_sla_breached()
    {
        var hook = await fixture.SubscribeAsync(WebhookEventTypes.SessionSlaBreached);
        var e2e = fixture.Server;
        var queue = await e2e.CreateQueueAsync();
        using (var admin = e2e.Http(e2e.AdminToken))
        {
            var definition = (await admin.GetFromJsonAsync<QueueSnapshot>($"/api/queues/{queue}", EndToEndFixture.Json))!.Definition;
            var sla = new SlaPolicy(FirstResponse: TimeSpan.FromSeconds(1), Bands: [new SlaBand(Limits.Priority, FirstResponse: TimeSpan.FromSeconds(2))]);
            (await admin.PutAsJsonAsync($"/api/queues/{queue}", definition with { Sla = sla }, EndToEndFixture.Json)).EnsureSuccessStatusCode();
        }
        var visitorToken = await e2e.NewVisitorAsync();
        await using var visitor = await HubClient.VisitorAsync(e2e.Node.BaseUrl, visitorToken.Token);
        var sessionId = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue))).Session.SessionId;

        var breached = await fixture.Receiver.WaitForAsync(hook.Name, r => r.EventType == WebhookEventTypes.SessionSlaBreached);
        Assert.True(breached.SignatureValid);
        var data = breached.Body.GetProperty("data");
        Assert.Equal(sessionId, data.GetProperty("sessionId").GetString());
        Assert.Equal(queue, data.GetProperty("queueId").GetString());
        Assert.Equal("firstResponse", data.GetProperty("kind").GetString());
        Assert.Equal("00:00:01", data.GetProperty("target").GetString()); // priority 0: the policy's target, not the band's
        Assert.Equal(0, data.GetProperty("priority").GetInt32());
        Assert.StartsWith($"{sessionId}:sla:FirstResponse:", breached.EventId);
        Assert.Equal(data.GetProperty("dueAt").GetDateTimeOffset().ToUnixTimeMilliseconds(), breached.Body.GetProperty("occurredAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
    }
}
