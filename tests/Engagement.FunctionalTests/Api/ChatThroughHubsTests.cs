using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Api;

/// <summary>A visitor and an agent talk through the real hubs, with the official SignalR client, as docs/protocol.md says.</summary>
[Collection(ApiCollection.Name)]
public sealed class ChatThroughHubsTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    [Fact]
    public async Task A_visitor_is_offered_to_an_agent_who_accepts_and_they_chat()
    {
        var (queueId, agentId, agentToken) = await _client.NewQueueWithAgentAsync();
        var (agent, agentEvents) = await _client.ConnectAsync("agent", agentToken);
        var connected = await agentEvents.NextAsync("agentStatus");
        Assert.Equal(agentId, connected.GetProperty("agentId").GetString());
        var status = await agent.InvokeAsync<JsonElement>("SetStatus", "available");
        Assert.Equal("available", status.GetProperty("presence").GetString());

        var (_, visitorToken) = await _client.NewVisitorAsync();
        var (visitor, visitorEvents) = await _client.ConnectAsync("visitor", visitorToken, "?page=%2Fpricing&title=Pricing");
        var started = await visitor.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId, topic = "Billing" }));
        var sessionId = started.GetProperty("session").GetProperty("sessionId").GetString()!;
        Assert.StartsWith("s_", sessionId);
        var hello = await visitor.InvokeAsync<JsonElement>("SendMessage", sessionId, "m-1", "  Hello?  ");
        Assert.Equal(1, hello.GetProperty("seq").GetInt64());

        var offer = await agentEvents.NextAsync("offer", o => o.GetProperty("sessionId").GetString() == sessionId);
        Assert.Equal("Billing", offer.GetProperty("topic").GetString());
        var accepted = await agent.InvokeAsync<JsonElement>("AcceptOffer", sessionId);
        Assert.Equal("active", accepted.GetProperty("session").GetProperty("status").GetString());
        var missed = accepted.GetProperty("missed").EnumerateArray().ToList();
        Assert.Contains(missed, m => m.GetProperty("text").GetString() == "Hello?" && m.GetProperty("senderRole").GetString() == "visitor");

        var reply = await agent.InvokeAsync<JsonElement>("SendMessage", sessionId, null, "Hi, how can I help?");
        var received = await visitorEvents.NextAsync("message", m => m.GetProperty("seq").GetInt64() == reply.GetProperty("seq").GetInt64());
        Assert.Equal("Hi, how can I help?", received.GetProperty("text").GetString());
        Assert.Equal(agentId, received.GetProperty("senderId").GetString());

        var closed = await agent.InvokeAsync<JsonElement>("CloseSession", sessionId, "resolved");
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        await visitorEvents.NextAsync("session", s => s.GetProperty("status").GetString() == "closed");
        await visitor.DisposeAsync();
        await agent.DisposeAsync();
    }

    [Fact]
    public async Task After_a_reconnect_a_join_returns_exactly_the_messages_missed()
    {
        var (agent, _, visitorToken, visitor, _, sessionId, accepted) = await AcceptedSessionAsync();
        var lastSeen = accepted.GetProperty("session").GetProperty("lastSeq").GetInt64();

        await visitor.StopAsync();
        var sent = new List<long>();
        for (var i = 1; i <= 3; i++)
            sent.Add((await agent.InvokeAsync<JsonElement>("SendMessage", sessionId, $"a-{i}", $"while you were away {i}")).GetProperty("seq").GetInt64());

        var (again, againEvents) = await _client.ConnectAsync("visitor", visitorToken);
        var resumed = await again.InvokeAsync<JsonElement>("JoinSession", sessionId, lastSeen);
        Assert.Equal(sent, resumed.GetProperty("missed").EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()));
        Assert.False(resumed.GetProperty("hasMore").GetBoolean());

        var next = await agent.InvokeAsync<JsonElement>("SendMessage", sessionId, null, "and now live");
        var live = await againEvents.NextAsync("message");
        Assert.Equal(next.GetProperty("seq").GetInt64(), live.GetProperty("seq").GetInt64());
        await again.DisposeAsync();
        await agent.DisposeAsync();
    }

    [Fact]
    public async Task The_sending_connection_gets_its_message_in_the_acknowledgement_and_the_other_tab_as_an_event()
    {
        var (agent, agentEvents, visitorToken, tab, tabEvents, sessionId, _) = await AcceptedSessionAsync();
        var (otherTab, otherTabEvents) = await _client.ConnectAsync("visitor", visitorToken);
        await otherTab.InvokeAsync<JsonElement>("JoinSession", sessionId, 0L);

        var ack = await tab.InvokeAsync<JsonElement>("SendMessage", sessionId, "tab-1", "  From the first tab  ");
        var seq = ack.GetProperty("seq").GetInt64();
        var carried = ack.GetProperty("message");
        Assert.Equal(seq, carried.GetProperty("seq").GetInt64());
        Assert.Equal("From the first tab", carried.GetProperty("text").GetString());
        Assert.Equal("tab-1", carried.GetProperty("clientMessageId").GetString());
        Assert.Equal("visitor", carried.GetProperty("senderRole").GetString());
        Assert.Equal(ack.GetProperty("at").GetString(), carried.GetProperty("at").GetString());
        var onOtherTab = await otherTabEvents.NextAsync("message", m => m.GetProperty("seq").GetInt64() == seq);
        Assert.Equal(carried.GetRawText(), onOtherTab.GetRawText());
        await agentEvents.NextAsync("message", m => m.GetProperty("seq").GetInt64() == seq);

        // The agent's reply comes after it on the sending tab: its own message never came as an event there.
        var reply = (await agent.InvokeAsync<JsonElement>("SendMessage", sessionId, null, "Hello, both tabs")).GetProperty("seq").GetInt64();
        Assert.DoesNotContain(seq, await SeqsUpToAsync(tabEvents, reply));
        // Likewise the agent's reply on the agent's connection, before the visitor's next message.
        var next = (await tab.InvokeAsync<JsonElement>("SendMessage", sessionId, "tab-2", "Thanks")).GetProperty("seq").GetInt64();
        Assert.DoesNotContain(reply, await SeqsUpToAsync(agentEvents, next));

        // A resend's acknowledgement carries the stored message too.
        var again = await tab.InvokeAsync<JsonElement>("SendMessage", sessionId, "tab-1", "From the first tab");
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(carried.GetRawText(), again.GetProperty("message").GetRawText());
        await otherTab.DisposeAsync();
        await tab.DisposeAsync();
        await agent.DisposeAsync();
    }

    /// <summary>
    /// An available agent, a visitor who started a session in the agent's queue, and the agent's acceptance (the
    /// AcceptOffer reply): a conversation both sides are in.
    /// </summary>
    private async Task<(HubConnection Agent, EventRecorder AgentEvents, string VisitorToken, HubConnection Visitor, EventRecorder VisitorEvents, string SessionId, JsonElement Accepted)> AcceptedSessionAsync()
    {
        var (queueId, _, agentToken) = await _client.NewQueueWithAgentAsync();
        var (agent, agentEvents) = await _client.ConnectAsync("agent", agentToken);
        await agent.InvokeAsync<JsonElement>("SetStatus", "available");
        var (_, visitorToken) = await _client.NewVisitorAsync();
        var (visitor, visitorEvents) = await _client.ConnectAsync("visitor", visitorToken);
        var sessionId = (await visitor.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId })))
            .GetProperty("session").GetProperty("sessionId").GetString()!;
        await agentEvents.NextAsync("offer", o => o.GetProperty("sessionId").GetString() == sessionId);
        var accepted = await agent.InvokeAsync<JsonElement>("AcceptOffer", sessionId);
        return (agent, agentEvents, visitorToken, visitor, visitorEvents, sessionId, accepted);
    }

    /// <summary>The seqs of the <c>message</c> events received until <paramref name="last"/> (in order, one connection).</summary>
    private static async Task<List<long>> SeqsUpToAsync(EventRecorder events, long last)
    {
        var seen = new List<long>();
        await events.NextAsync("message", m =>
        {
            seen.Add(m.GetProperty("seq").GetInt64());
            return seen[^1] == last;
        });
        return seen;
    }

    [Fact]
    public async Task Resending_with_the_same_client_message_id_stores_the_message_once()
    {
        var (queueId, _, _) = await _client.NewQueueWithAgentAsync();
        var (_, visitorToken) = await _client.NewVisitorAsync();
        var (visitor, _) = await _client.ConnectAsync("visitor", visitorToken);
        var sessionId = (await visitor.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId })))
            .GetProperty("session").GetProperty("sessionId").GetString()!;

        var first = await visitor.InvokeAsync<JsonElement>("SendMessage", sessionId, "same-id", "only once");
        var second = await visitor.InvokeAsync<JsonElement>("SendMessage", sessionId, "same-id", "only once");

        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.True(second.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.GetProperty("seq").GetInt64(), second.GetProperty("seq").GetInt64());
        var transcript = await visitor.InvokeAsync<JsonElement>("GetTranscript", sessionId, 0L, 50);
        Assert.Single(transcript.EnumerateArray(), m => m.GetProperty("text").GetString() == "only once");
        await visitor.DisposeAsync();
    }
}
