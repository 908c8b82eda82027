using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Engagement.FunctionalTests.EndToEnd;
using Engagement.Webhooks;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Engagement.FunctionalTests.Webhooks;

/// <summary>
/// Deliveries to a real receiver on 127.0.0.1: signed, once per event id, retried on failure until dead, replayed
/// from the REST API; and message.created for a chat message sent through the real hubs.
/// </summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookDeliveryTests(WebhookFixture fixture)
{
    private IWebhookOutbox Outbox => fixture.Server.Node.Services.GetRequiredService<IWebhookOutbox>();

    private static WebhookEvent NewEvent(string type) =>
        new("evt_" + Guid.NewGuid().ToString("N"), type, DateTimeOffset.UtcNow, new { conversationId = "c_" + Guid.NewGuid().ToString("N")[..8], status = SessionStatus.Active });

    [Fact]
    public async Task An_event_reaches_the_subscribers_to_its_type_signed_and_once_per_event_id()
    {
        var hook = await fixture.SubscribeAsync(WebhookEventTypes.ConversationCreated, WebhookEventTypes.SessionRated);
        var other = await fixture.SubscribeAsync(WebhookEventTypes.SessionRated);
        var created = NewEvent(WebhookEventTypes.ConversationCreated);

        await Outbox.PublishAsync(created);
        await Outbox.PublishAsync([created]); // the same event id again: nothing more to deliver

        var received = await fixture.Receiver.WaitForAsync(hook.Name, r => r.EventId == created.Id);
        Assert.True(received.SignatureValid);
        Assert.Equal(1, received.Signatures);
        Assert.Equal(WebhookEventTypes.ConversationCreated, received.EventType);
        Assert.Equal(1, received.Attempt);
        Assert.Equal(created.Id, received.Body.GetProperty("id").GetString());
        Assert.Equal("conversation.created", received.Body.GetProperty("type").GetString());
        Assert.Equal(created.OccurredAt.ToUnixTimeMilliseconds(), received.Body.GetProperty("occurredAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal("active", received.Body.GetProperty("data").GetProperty("status").GetString());

        await fixture.WaitForDeliveryAsync(hook.SubscriptionId, d => Id(d) == received.DeliveryId && Status(d) == "delivered");
        var log = await DeliveriesAsync(hook.SubscriptionId);
        Assert.Single(log, d => d!["eventId"]!.GetValue<string>() == created.Id);
        Assert.Empty(await DeliveriesAsync(other.SubscriptionId));
    }

    [Fact]
    public async Task A_failing_receiver_gets_retries_then_the_delivery_is_dead_and_a_replay_delivers_it()
    {
        var hook = await fixture.SubscribeAsync(WebhookEventTypes.ConversationStatusChanged);
        fixture.Receiver.Answer(hook.Name, 500, 503, WebhookReceiver.Hang);
        var changed = NewEvent(WebhookEventTypes.ConversationStatusChanged);

        await Outbox.PublishAsync(changed);

        var dead = await fixture.WaitForDeliveryAsync(hook.SubscriptionId, d => d["eventId"]!.GetValue<string>() == changed.Id, "?status=dead");
        Assert.Equal(WebhookFixture.MaxAttempts, dead["attempts"]!.GetValue<int>());
        var requests = fixture.Receiver.For(hook.Name);
        Assert.Equal([1, 2, 3], requests.Select(r => r.Attempt));
        Assert.All(requests, r => Assert.True(r.EventId == changed.Id && r.SignatureValid));

        var detail = await fixture.Api.OkAsync(HttpMethod.Get, $"/api/webhooks/{hook.SubscriptionId}/deliveries/{Id(dead)}", fixture.Server.AdminToken);
        var attempts = detail["attempts"]!.AsArray();
        Assert.Equal([1, 2, 3], attempts.Select(a => a!["attempt"]!.GetValue<int>()));
        Assert.Equal(500, attempts[0]!["statusCode"]!.GetValue<int>());
        Assert.Equal(503, attempts[1]!["statusCode"]!.GetValue<int>());
        Assert.Equal("answered 503", attempts[1]!["responseExcerpt"]!.GetValue<string>());
        Assert.Null(attempts[2]!["statusCode"]);
        Assert.StartsWith("timeout", attempts[2]!["error"]!.GetValue<string>());
        Assert.Equal("active", detail["data"]!["status"]!.GetValue<string>());
        Assert.DoesNotContain(await DeliveriesAsync(hook.SubscriptionId, "?status=pending"), d => Id(d!) == Id(dead));

        var (status, replay) = await fixture.Api.SendAsync(HttpMethod.Post, $"/api/webhooks/{hook.SubscriptionId}/deliveries/{Id(dead)}/replay", fixture.Server.AdminToken);
        Assert.Equal(202, status);
        Assert.Equal(Id(dead), replay!["replayOf"]!.GetValue<long>());
        Assert.Equal(changed.Id, replay["eventId"]!.GetValue<string>());
        var again = await fixture.Receiver.WaitForAsync(hook.Name, r => r.DeliveryId == Id(replay));
        Assert.True(again.SignatureValid);
        Assert.Equal((changed.Id, 1), (again.EventId, again.Attempt));
        await fixture.WaitForDeliveryAsync(hook.SubscriptionId, d => Id(d) == Id(replay) && Status(d) == "delivered");
    }

    [Fact]
    public async Task A_conversations_life_reaches_subscribers_as_conversation_events_and_its_replies_as_message_created()
    {
        var hook = await fixture.SubscribeAsync(
            WebhookEventTypes.ConversationCreated, WebhookEventTypes.ConversationAssigned, WebhookEventTypes.ConversationLabelsChanged,
            WebhookEventTypes.ConversationStatusChanged, WebhookEventTypes.MessageCreated);
        try
        {
            await ConversationLifeAsync(hook);
        }
        finally
        {
            // WebhookClusterTests counts on nobody else wanting conversation.labels_changed.
            await fixture.Api.OkAsync(HttpMethod.Delete, $"/api/webhooks/{hook.SubscriptionId}", fixture.Server.AdminToken);
        }
    }

    private async Task ConversationLifeAsync(WebhookFixture.Hook hook)
    {
        var e2e = fixture.Server;
        var queue = await e2e.CreateQueueAsync();
        var alice = await e2e.CreateAgentAsync(queue, "alice");
        var visitorToken = await e2e.NewVisitorAsync();
        await using var visitor = await HubClient.VisitorAsync(e2e.Node.BaseUrl, visitorToken.Token);
        var left = await visitor.Connection.InvokeAsync<ConversationPost>("LeaveMessage", new LeaveMessageRequest(queue, "Dana", "dana@example.com", "Do you ship to Norway?", "m-1"));
        var id = left.Conversation.ConversationId;

        using var http = e2e.Http(alice.Token);
        (await http.PostAsJsonAsync($"/api/conversations/{id}/messages", new { text = "Yes, in three days." })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"/api/conversations/{id}/labels", new { labels = new[] { "shipping" } })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"/api/conversations/{id}/status", new { status = "resolved" })).EnsureSuccessStatusCode();

        var created = await fixture.Receiver.WaitForAsync(hook.Name, r => r.EventType == WebhookEventTypes.ConversationCreated && Conversation(r) == id);
        Assert.Equal("dana@example.com", created.Body.GetProperty("data").GetProperty("contactEmail").GetString());
        var assigned = await fixture.Receiver.WaitForAsync(hook.Name, r => r.EventType == WebhookEventTypes.ConversationAssigned && Conversation(r) == id);
        Assert.Equal(alice.AgentId, assigned.Body.GetProperty("data").GetProperty("assigneeId").GetString());
        await fixture.Receiver.WaitForAsync(hook.Name, r => r.EventType == WebhookEventTypes.ConversationLabelsChanged && Conversation(r) == id);
        var resolved = await fixture.Receiver.WaitForAsync(hook.Name, r => r.EventType == WebhookEventTypes.ConversationStatusChanged && Conversation(r) == id);
        Assert.Equal("resolved", resolved.Body.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal($"{id}:{resolved.Body.GetProperty("data").GetProperty("version").GetInt64()}:{WebhookEventTypes.ConversationStatusChanged}", resolved.EventId);
        var reply = await fixture.Receiver.WaitForAsync(hook.Name, r => r.EventId == $"msg_{id}_2");
        Assert.Equal("agent", reply.Body.GetProperty("data").GetProperty("senderRole").GetString());
        Assert.Equal("Yes, in three days.", reply.Body.GetProperty("data").GetProperty("text").GetString());
    }

    private static string? Conversation(WebhookReceiver.Received r) => r.Body.GetProperty("data").GetProperty("conversationId").GetString();

    [Fact]
    public async Task A_chat_message_sent_through_the_hubs_is_delivered_as_message_created()
    {
        var hook = await fixture.SubscribeAsync(WebhookEventTypes.MessageCreated);
        var e2e = fixture.Server;
        var queue = await e2e.CreateQueueAsync();
        var alice = await e2e.CreateAgentAsync(queue, "alice");
        await using var agent = await HubClient.AgentAsync(e2e.Node.BaseUrl, alice.Token);
        await agent.WaitFor<AgentStatus>(ClientEvents.AgentStatus);
        var visitorToken = await e2e.NewVisitorAsync();
        await using var visitor = await HubClient.VisitorAsync(e2e.Node.BaseUrl, visitorToken.Token);
        var sessionId = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue))).Session.SessionId;
        await agent.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId);
        await agent.Connection.InvokeAsync<JoinResult>("AcceptOffer", sessionId);

        var question = await visitor.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "q-1", "Where is my order?");
        var answer = await agent.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "a-1", "On its way.");

        var asked = await fixture.Receiver.WaitForAsync(hook.Name, r => r.EventId == $"msg_{sessionId}_{question.Seq}");
        Assert.True(asked.SignatureValid);
        Assert.Equal(WebhookEventTypes.MessageCreated, asked.EventType);
        var data = asked.Body.GetProperty("data");
        Assert.Equal(sessionId, data.GetProperty("sessionId").GetString());
        Assert.Equal(question.Seq, data.GetProperty("seq").GetInt64());
        Assert.Equal("text", data.GetProperty("kind").GetString());
        Assert.Equal(visitorToken.CustomerId, data.GetProperty("senderId").GetString());
        Assert.Equal("visitor", data.GetProperty("senderRole").GetString());
        Assert.Equal("Where is my order?", data.GetProperty("text").GetString());
        Assert.Equal(question.At.UtcTicks / 10, data.GetProperty("at").GetDateTimeOffset().UtcTicks / 10); // as stored: to the microsecond
        Assert.False(data.TryGetProperty("clientMessageId", out _));

        var answered = await fixture.Receiver.WaitForAsync(hook.Name, r => r.EventId == $"msg_{sessionId}_{answer.Seq}");
        Assert.Equal("agent", answered.Body.GetProperty("data").GetProperty("senderRole").GetString());
        Assert.Equal("On its way.", answered.Body.GetProperty("data").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_delivery_claimed_by_a_silo_that_died_is_attempted_again_once_its_lease_runs_out()
    {
        var hook = await fixture.SubscribeAsync(WebhookEventTypes.SessionRated);
        var eventId = "evt_" + Guid.NewGuid().ToString("N");
        // As a claim leaves it: attempt 1 started, due again when the lease ends; the silo that claimed it is gone.
        await using (var connection = new NpgsqlConnection(fixture.Server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var claimed = new NpgsqlCommand(
                "INSERT INTO engagement.webhook_delivery (subscription_id, event_id, event_type, occurred_at, data, attempts, next_attempt_at) " +
                "VALUES ($1, $2, 'session.rated', now(), '{\"csat\": 5}', 1, now() + interval '1 second')", connection);
            claimed.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hook.SubscriptionId });
            claimed.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventId });
            await claimed.ExecuteNonQueryAsync();
        }

        var received = await fixture.Receiver.WaitForAsync(hook.Name, r => r.EventId == eventId);
        Assert.Equal(2, received.Attempt);
        Assert.True(received.SignatureValid);
        Assert.Equal(5, received.Body.GetProperty("data").GetProperty("csat").GetInt32());
        var delivered = await fixture.WaitForDeliveryAsync(hook.SubscriptionId, d => Id(d) == received.DeliveryId && Status(d) == "delivered");
        Assert.Equal(2, delivered["attempts"]!.GetValue<int>());
    }

    private async Task<JsonArray> DeliveriesAsync(string subscriptionId, string query = "") =>
        (await fixture.Api.OkAsync(HttpMethod.Get, $"/api/webhooks/{subscriptionId}/deliveries{query}", fixture.Server.AdminToken)).AsArray();

    private static long Id(JsonNode delivery) => delivery["id"]!.GetValue<long>();

    private static string Status(JsonNode delivery) => delivery["status"]!.GetValue<string>();
}
