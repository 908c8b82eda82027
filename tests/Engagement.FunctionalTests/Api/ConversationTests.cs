using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Api;

/// <summary>
/// Conversations that outlive the live chat (docs/protocol.md, Conversations), through the real hubs and REST: a
/// message left while nobody answers waits in the inbox, is answered later, resolved, and reopened by the customer;
/// a live chat is an episode of its conversation.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ConversationTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    [Fact]
    public async Task A_message_left_while_nobody_answers_waits_in_the_inbox_is_answered_live_resolved_and_reopened_by_the_customer()
    {
        var (queueId, agentId, agentToken) = await _client.NewQueueWithAgentAsync();
        var (agent, agentEvents) = await _client.ConnectAsync("agent", agentToken);
        await agent.InvokeAsync<JsonElement>("WatchInbox");
        var (customerId, visitorToken) = await _client.NewVisitorAsync();
        var (visitor, visitorEvents) = await _client.ConnectAsync("visitor", visitorToken);

        var left = await visitor.InvokeAsync<JsonElement>("LeaveMessage", ApiClient.Json(new
        {
            queueId, name = "Dana", email = "dana@example.com", text = "  Do you ship to Norway?  ", clientMessageId = "left-1",
        }));
        var conversationId = left.GetProperty("conversation").GetProperty("conversationId").GetString()!;
        Assert.StartsWith("c_", conversationId);
        Assert.Equal("Do you ship to Norway?", left.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal("open", left.GetProperty("conversation").GetProperty("status").GetString());
        Assert.True(left.GetProperty("conversation").GetProperty("awaitingReply").GetBoolean());

        // The same client message id again: the first message, nothing new.
        var again = await visitor.InvokeAsync<JsonElement>("LeaveMessage", ApiClient.Json(new
        {
            queueId, name = "Dana", email = "dana@example.com", text = "Do you ship to Norway?", clientMessageId = "left-1",
        }));
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, again.GetProperty("message").GetProperty("seq").GetInt64());

        // The agent watching the inbox hears of it, finds it unassigned, and answers over REST.
        await agentEvents.NextAsync("conversation", c => c.GetProperty("conversationId").GetString() == conversationId);
        var unassigned = await _client.OkAsync(HttpMethod.Get, $"/api/conversations?view=unassigned&queue={queueId}", agentToken);
        var listed = Assert.Single(unassigned["conversations"]!.AsArray());
        Assert.Equal(conversationId, listed!["conversationId"]!.GetValue<string>());
        Assert.Equal("dana@example.com", listed["contactEmail"]!.GetValue<string>());
        Assert.Equal(customerId, listed["contactId"]!.GetValue<string>());

        var reply = await _client.OkAsync(HttpMethod.Post, $"/api/conversations/{conversationId}/messages", agentToken, new { text = "Yes, within 3 days." });
        Assert.Equal("agent", reply["message"]!["senderRole"]!.GetValue<string>());
        Assert.Equal(agentId, reply["conversation"]!["assigneeId"]!.GetValue<string>());
        var heard = await visitorEvents.NextAsync("conversationMessage", m => m.GetProperty("text").GetString() == "Yes, within 3 days.");
        Assert.Equal(conversationId, heard.GetProperty("sessionId").GetString());

        // The agent resolves it; the visitor sees it; a new message from the visitor reopens it.
        var resolved = await _client.OkAsync(HttpMethod.Post, $"/api/conversations/{conversationId}/status", agentToken, new { status = "resolved" });
        Assert.Equal("resolved", resolved["status"]!.GetValue<string>());
        await visitorEvents.NextAsync("conversation", c => c.GetProperty("status").GetString() == "resolved");
        var reopened = await visitor.InvokeAsync<JsonElement>("SendConversationMessage", conversationId, "later-1", "One more question");
        Assert.Equal("open", reopened.GetProperty("conversation").GetProperty("status").GetString());
        await agentEvents.NextAsync("conversation", c => c.GetProperty("conversationId").GetString() == conversationId && c.GetProperty("status").GetString() == "open");

        // The thread holds everything in order, status events included; the visitor's view has no labels.
        var thread = await visitor.InvokeAsync<JsonElement>("GetConversation", conversationId);
        var texts = thread.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Equal("Do you ship to Norway?", texts[0]);
        Assert.Equal("Yes, within 3 days.", texts[1]);
        Assert.Contains(texts, t => t!.Contains("resolved the conversation"));
        Assert.Equal("One more question", texts[^2]);
        Assert.Contains("reopened", texts[^1]);
        var mine = await visitor.InvokeAsync<JsonElement>("GetConversations");
        Assert.Equal(conversationId, mine.EnumerateArray().Single().GetProperty("conversationId").GetString());
        await visitor.DisposeAsync();
        await agent.DisposeAsync();
    }

    [Fact]
    public async Task A_chat_abandoned_before_an_answer_keeps_what_the_visitor_wrote_in_the_inbox()
    {
        var (queueId, _, agentToken) = await _client.NewQueueWithAgentAsync();
        var (_, visitorToken) = await _client.NewVisitorAsync();
        var (visitor, _) = await _client.ConnectAsync("visitor", visitorToken);
        var started = await visitor.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId, topic = "Returns" }));
        var sessionId = started.GetProperty("session").GetProperty("sessionId").GetString()!;
        await visitor.InvokeAsync<JsonElement>("SendMessage", sessionId, "m-1", "Can I return a used item?");
        await visitor.InvokeAsync<JsonElement>("LeaveSession", sessionId);

        var conversation = await EventuallyAsync(async () =>
        {
            var page = await _client.OkAsync(HttpMethod.Get, $"/api/conversations?queue={queueId}", agentToken);
            return page["conversations"]!.AsArray().SingleOrDefault(c => c!["awaitingReply"]!.GetValue<bool>() && c["liveSessionId"] is null);
        });
        Assert.Equal("open", conversation["status"]!.GetValue<string>());
        Assert.Equal("Returns", conversation["subject"]!.GetValue<string>());
        Assert.Equal([sessionId], conversation["sessionIds"]!.AsArray().Select(s => s!.GetValue<string>()));
        var thread = await _client.OkAsync(HttpMethod.Get, $"/api/conversations/{conversation["conversationId"]}", agentToken);
        Assert.Contains(thread["messages"]!.AsArray(), m => m!["text"]!.GetValue<string>() == "Can I return a used item?" && m["sessionId"]!.GetValue<string>() == sessionId);
        await visitor.DisposeAsync();
    }

    [Fact]
    public async Task A_chat_that_an_agent_answers_and_closes_resolves_its_conversation_assigned_to_that_agent()
    {
        var (queueId, agentId, agentToken) = await _client.NewQueueWithAgentAsync();
        var (agent, agentEvents) = await _client.ConnectAsync("agent", agentToken);
        await agent.InvokeAsync<JsonElement>("SetStatus", "available");
        var (_, visitorToken) = await _client.NewVisitorAsync();
        var (visitor, _) = await _client.ConnectAsync("visitor", visitorToken);
        var started = await visitor.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId }));
        var sessionId = started.GetProperty("session").GetProperty("sessionId").GetString()!;
        await agentEvents.NextAsync("offer", o => o.GetProperty("sessionId").GetString() == sessionId);
        await agent.InvokeAsync<JsonElement>("AcceptOffer", sessionId);

        var live = await EventuallyAsync(async () =>
        {
            var page = await _client.OkAsync(HttpMethod.Get, "/api/conversations?view=mine", agentToken);
            return page["conversations"]!.AsArray().SingleOrDefault(c => c!["liveSessionId"]?.GetValue<string>() == sessionId);
        });
        Assert.Equal(agentId, live["assigneeId"]!.GetValue<string>());

        await agent.InvokeAsync<JsonElement>("CloseSession", sessionId, "resolved");
        await EventuallyAsync(async () =>
        {
            var page = await _client.OkAsync(HttpMethod.Get, $"/api/conversations?status=resolved&queue={queueId}", agentToken);
            return page["conversations"]!.AsArray().SingleOrDefault(c => c!["sessionIds"]!.AsArray().Any(s => s!.GetValue<string>() == sessionId));
        });
        await visitor.DisposeAsync();
        await agent.DisposeAsync();
    }

    [Fact]
    public async Task Strangers_get_not_found_and_bad_input_a_clear_error()
    {
        var (queueId, _, agentToken) = await _client.NewQueueWithAgentAsync();
        var (_, otherAgentToken) = (await _client.NewQueueWithAgentAsync()) is var other ? (other.AgentId, other.AgentToken) : default;
        var (_, visitorToken) = await _client.NewVisitorAsync();
        var (visitor, _) = await _client.ConnectAsync("visitor", visitorToken);
        var left = await visitor.InvokeAsync<JsonElement>("LeaveMessage", ApiClient.Json(new { queueId, email = "x@example.com", text = "hello" }));
        var conversationId = left.GetProperty("conversation").GetProperty("conversationId").GetString()!;

        var (_, strangerToken) = await _client.NewVisitorAsync();
        var (stranger, _) = await _client.ConnectAsync("visitor", strangerToken);
        var hidden = await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync<JsonElement>("GetConversation", conversationId));
        Assert.Contains("not_found", hidden.Message);
        Assert.Equal(404, (await _client.SendAsync(HttpMethod.Get, $"/api/conversations/{conversationId}", otherAgentToken)).Status);

        var badEmail = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<JsonElement>("LeaveMessage", ApiClient.Json(new { queueId, email = "not-an-address", text = "hi" })));
        Assert.Contains("invalid", badEmail.Message);
        var noQueue = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<JsonElement>("LeaveMessage", ApiClient.Json(new { queueId = "no-such-queue", email = "x@example.com", text = "hi" })));
        Assert.Contains("not_found", noQueue.Message);

        await AssertProblemAsync(HttpMethod.Post, $"/api/conversations/{conversationId}/status", agentToken, new { status = "closed" }, 400, "invalid");
        await AssertProblemAsync(HttpMethod.Post, $"/api/conversations/{conversationId}/status", agentToken, new { status = "snoozed" }, 400, "invalid");
        await AssertProblemAsync(HttpMethod.Post, $"/api/conversations/{conversationId}/status", agentToken,
            new { status = "snoozed", snoozedUntil = DateTimeOffset.UtcNow.AddHours(-1) }, 400, "invalid");
        await AssertProblemAsync(HttpMethod.Put, $"/api/conversations/{conversationId}/labels", agentToken, new { labels = new[] { "has space" } }, 400, "invalid");
        await AssertProblemAsync(HttpMethod.Put, $"/api/conversations/{conversationId}/labels", agentToken,
            new { labels = Enumerable.Range(0, Limits.Labels + 1).Select(i => $"l{i}").ToArray() }, 400, "too_large");
        await AssertProblemAsync(HttpMethod.Get, "/api/conversations?view=everything", agentToken, null, 400, "invalid");

        var snoozed = await _client.OkAsync(HttpMethod.Post, $"/api/conversations/{conversationId}/status", agentToken,
            new { status = "snoozed", snoozedUntil = DateTimeOffset.UtcNow.AddDays(1) });
        Assert.Equal("snoozed", snoozed["status"]!.GetValue<string>());
        var labelled = await _client.OkAsync(HttpMethod.Put, $"/api/conversations/{conversationId}/labels", agentToken, new { labels = new[] { "VIP", "shipping", "vip" } });
        Assert.Equal(["shipping", "vip"], labelled["labels"]!.AsArray().Select(l => l!.GetValue<string>()));
        var byLabel = await _client.OkAsync(HttpMethod.Get, "/api/conversations?label=vip&status=snoozed", agentToken);
        Assert.Contains(byLabel["conversations"]!.AsArray(), c => c!["conversationId"]!.GetValue<string>() == conversationId);
        var visitorView = await visitor.InvokeAsync<JsonElement>("GetConversation", conversationId);
        Assert.Empty(visitorView.GetProperty("conversation").GetProperty("labels").EnumerateArray());
        await visitor.DisposeAsync();
        await stranger.DisposeAsync();
    }

    [Fact]
    public async Task Search_finds_words_in_left_messages_and_live_chats_for_staff_who_may_see_them_and_a_conversation_exports_whole()
    {
        var (queueId, _, agentToken) = await _client.NewQueueWithAgentAsync();
        var (_, otherAgentToken) = (await _client.NewQueueWithAgentAsync()) is var other ? (other.AgentId, other.AgentToken) : default;
        var word = "quokka" + Guid.NewGuid().ToString("N")[..8];
        var (_, visitorToken) = await _client.NewVisitorAsync();
        var (visitor, _) = await _client.ConnectAsync("visitor", visitorToken);
        var left = await visitor.InvokeAsync<JsonElement>("LeaveMessage", ApiClient.Json(new { queueId, email = "s@example.com", text = $"My {word} order never arrived" }));
        var conversationId = left.GetProperty("conversation").GetProperty("conversationId").GetString()!;
        var started = await visitor.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId }));
        var sessionId = started.GetProperty("session").GetProperty("sessionId").GetString()!;
        await visitor.InvokeAsync<JsonElement>("SendMessage", sessionId, "live-1", $"Still waiting for the {word.ToUpperInvariant()} parcel");

        var hits = await EventuallyAsync(async () =>
        {
            var found = (await _client.OkAsync(HttpMethod.Get, $"/api/search?q={word}", agentToken)).AsArray();
            return found.Count == 2 ? found : null;
        });
        Assert.Equal([sessionId, conversationId], hits.AsArray().Select(h => h!["message"]!["sessionId"]!.GetValue<string>()));
        Assert.All(hits.AsArray(), h => Assert.Equal(conversationId, h!["conversation"]!["conversationId"]!.GetValue<string>()));
        Assert.Contains($"«{word}»", hits[1]!["snippet"]!.GetValue<string>());
        Assert.Empty((await _client.OkAsync(HttpMethod.Get, $"/api/search?q={word}", otherAgentToken)).AsArray());
        Assert.Single((await _client.OkAsync(HttpMethod.Get, $"/api/search?q={word}&from={Uri.EscapeDataString(hits[0]!["message"]!["at"]!.GetValue<string>())}", agentToken)).AsArray());
        await AssertProblemAsync(HttpMethod.Get, "/api/search", agentToken, null, 400, "invalid");

        var export = await _client.OkAsync(HttpMethod.Get, $"/api/conversations/{conversationId}/export", agentToken);
        Assert.Contains(export["messages"]!.AsArray(), m => m!["sessionId"]!.GetValue<string>() == sessionId);
        var (status, type, document) = await _client.GetTextAsync($"/api/conversations/{conversationId}/export?format=text", agentToken);
        Assert.Equal((200, "text/plain"), (status, type));
        Assert.Contains($"Conversation {conversationId}", document);
        Assert.Contains($"--- live chat {sessionId} ---", document);
        Assert.Contains($"(visitor): My {word} order never arrived", document);
        await visitor.DisposeAsync();
    }

    [Fact]
    public async Task A_snooze_ends_by_itself_and_the_conversation_is_open_again()
    {
        var (queueId, _, agentToken) = await _client.NewQueueWithAgentAsync();
        var (_, visitorToken) = await _client.NewVisitorAsync();
        var (visitor, visitorEvents) = await _client.ConnectAsync("visitor", visitorToken);
        var left = await visitor.InvokeAsync<JsonElement>("LeaveMessage", ApiClient.Json(new { queueId, email = "snooze@example.com", text = "Ping me later" }));
        var conversationId = left.GetProperty("conversation").GetProperty("conversationId").GetString()!;

        var snoozed = await _client.OkAsync(HttpMethod.Post, $"/api/conversations/{conversationId}/status", agentToken,
            new { status = "snoozed", snoozedUntil = DateTimeOffset.UtcNow.AddSeconds(2) });
        Assert.Equal("snoozed", snoozed["status"]!.GetValue<string>());
        var open = await visitorEvents.NextAsync("conversation", c => c.GetProperty("conversationId").GetString() == conversationId && c.GetProperty("status").GetString() == "open"
            && c.GetProperty("version").GetInt64() > snoozed["version"]!.GetValue<long>());
        Assert.Equal(JsonValueKind.Null, open.GetProperty("snoozedUntil").ValueKind);
        var thread = await _client.OkAsync(HttpMethod.Get, $"/api/conversations/{conversationId}", agentToken);
        Assert.Equal("The snooze reopened the conversation.", thread["messages"]!.AsArray().Last()!["text"]!.GetValue<string>());
        await visitor.DisposeAsync();
    }

    private async Task AssertProblemAsync(HttpMethod method, string path, string token, object? body, int status, string code)
    {
        var (actual, json) = await _client.SendAsync(method, path, token, body);
        Assert.True(actual == status, $"{method} {path} answered {actual}: {json?.ToJsonString()}");
        Assert.Equal(code, json!["code"]!.GetValue<string>());
    }

    /// <summary>Polls until <paramref name="probe"/> finds something (the conversation follows its chat one-way).</summary>
    private static async Task<JsonNode> EventuallyAsync(Func<Task<JsonNode?>> probe)
    {
        var deadline = DateTime.UtcNow + EventRecorder.Patience;
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The conversation never showed what the test waited for.");
            await Task.Delay(100);
        }
    }
}
