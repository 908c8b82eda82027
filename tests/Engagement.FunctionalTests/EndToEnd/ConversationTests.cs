using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>Visitors and agents over the real SignalR .NET client against a running node.</summary>
[Collection(EndToEndCollection.Name)]
public class ConversationTests(EndToEndFixture e2e)
{
    [Fact]
    public async Task A_visitor_and_an_agent_complete_a_conversation()
    {
        var queue = await e2e.CreateQueueAsync();
        var alice = await e2e.CreateAgentAsync(queue, "alice");
        await using var agent = await HubClient.AgentAsync(e2e.Node.BaseUrl, alice.Token);
        await agent.WaitFor<AgentStatus>(ClientEvents.AgentStatus);
        var visitorToken = await e2e.NewVisitorAsync();
        await using var visitor = await HubClient.VisitorAsync(e2e.Node.BaseUrl, visitorToken.Token, "/pricing");

        var started = await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue, "Upgrading my plan"));
        var sessionId = started.Session.SessionId;
        var offer = await agent.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId);
        Assert.Equal(visitorToken.CustomerId, offer.CustomerId);
        var accepted = await agent.Connection.InvokeAsync<JoinResult>("AcceptOffer", sessionId);
        Assert.Equal(SessionStatus.Active, accepted.Session.Status);
        await visitor.WaitFor<SessionView>(ClientEvents.Session, s => s.Status == SessionStatus.Active);

        var question = await visitor.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "q-1", "Can I upgrade mid-month?");
        Assert.Equal("Can I upgrade mid-month?", (await agent.WaitFor<ChatMessage>(ClientEvents.Message, m => m.Seq == question.Seq)).Text);
        var answer = await agent.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "a-1", "Yes, it is prorated.");
        Assert.Equal("Yes, it is prorated.", (await visitor.WaitFor<ChatMessage>(ClientEvents.Message, m => m.Seq == answer.Seq)).Text);

        var closed = await agent.Connection.InvokeAsync<SessionView>("CloseSession", sessionId, "resolved");
        Assert.Equal(SessionStatus.Closed, closed.Status);
        await visitor.WaitFor<SessionView>(ClientEvents.Session, s => s.Status == SessionStatus.Closed);

        using var http = e2e.Http(visitorToken.Token);
        var transcript = await http.GetFromJsonAsync<ChatMessage[]>($"/api/sessions/{sessionId}/transcript?afterSeq=0&limit=100", EndToEndFixture.Json);
        Assert.Contains(transcript!, m => m.Text == "Can I upgrade mid-month?");
        Assert.Contains(transcript!, m => m.Text == "Yes, it is prorated.");
    }

    [Fact]
    public async Task A_reconnecting_client_resumes_from_its_last_seq_with_no_loss_and_no_duplicates()
    {
        var queue = await e2e.CreateQueueAsync();
        var bob = await e2e.CreateAgentAsync(queue, "bob");
        await using var agent = await HubClient.AgentAsync(e2e.Node.BaseUrl, bob.Token);
        var visitorToken = await e2e.NewVisitorAsync();
        var visitor = await HubClient.VisitorAsync(e2e.Node.BaseUrl, visitorToken.Token);
        var sessionId = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue))).Session.SessionId;
        await agent.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId);
        await agent.Connection.InvokeAsync<JoinResult>("AcceptOffer", sessionId);

        var sent = new List<long>();
        for (var i = 0; i < 5; i++) sent.Add((await agent.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, $"before-{i}", $"before {i}")).Seq);
        await visitor.WaitFor<ChatMessage>(ClientEvents.Message, m => m.Seq == sent[^1]);
        var lastSeen = visitor.LastSeq(sessionId);
        var seenLive = visitor.Events<ChatMessage>(ClientEvents.Message).Select(m => m.Seq).ToList();
        await visitor.DisposeAsync(); // the tab loses its connection

        for (var i = 0; i < 5; i++) sent.Add((await agent.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, $"while-away-{i}", $"while away {i}")).Seq);

        // Reconnect to another node of the cluster and resume from the last seq seen.
        var second = await e2e.StartNodeAsync();
        await using var resumed = await HubClient.VisitorAsync(second.BaseUrl, visitorToken.Token);
        var join = await resumed.Connection.InvokeAsync<JoinResult>("JoinSession", sessionId, lastSeen);
        Assert.False(join.HasMore);
        Assert.All(join.Missed, m => Assert.True(m.Seq > lastSeen));
        var afterResume = (await agent.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "after", "after resume")).Seq;
        await resumed.WaitFor<ChatMessage>(ClientEvents.Message, m => m.Seq == afterResume);

        var everything = seenLive.Concat(join.Missed.Select(m => m.Seq)).Concat(resumed.Events<ChatMessage>(ClientEvents.Message).Select(m => m.Seq)).ToList();
        Assert.Equal(everything.Count, everything.Distinct().Count());
        Assert.All(sent.Append(afterResume), seq => Assert.Contains(seq, everything));
    }

    [Fact]
    public async Task An_offer_that_is_not_answered_goes_to_the_next_agent()
    {
        var queue = await e2e.CreateQueueAsync(offerTimeout: TimeSpan.FromSeconds(5));
        var first = await e2e.CreateAgentAsync(queue, "first");
        var second = await e2e.CreateAgentAsync(queue, "second");
        await using var firstClient = await HubClient.AgentAsync(e2e.Node.BaseUrl, first.Token);
        await using var secondClient = await HubClient.AgentAsync(e2e.Node.BaseUrl, second.Token);
        var visitorToken = await e2e.NewVisitorAsync();
        await using var visitor = await HubClient.VisitorAsync(e2e.Node.BaseUrl, visitorToken.Token);

        var sessionId = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue))).Session.SessionId;
        await firstClient.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId);
        Assert.Equal(OfferEndReason.TimedOut, (await firstClient.WaitFor<OfferRevoked>(ClientEvents.OfferRevoked, r => r.SessionId == sessionId)).Reason);
        await secondClient.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId);
        var accepted = await secondClient.Connection.InvokeAsync<JoinResult>("AcceptOffer", sessionId);
        Assert.Equal(second.AgentId, accepted.Session.AssignedAgentId);
    }

    [Fact]
    public async Task An_agent_who_disconnects_goes_offline_and_the_offer_is_requeued()
    {
        var queue = await e2e.CreateQueueAsync();
        var leaving = await e2e.CreateAgentAsync(queue, "leaving");
        var staying = await e2e.CreateAgentAsync(queue, "staying");
        var leavingClient = await HubClient.AgentAsync(e2e.Node.BaseUrl, leaving.Token);
        var visitorToken = await e2e.NewVisitorAsync();
        await using var visitor = await HubClient.VisitorAsync(e2e.Node.BaseUrl, visitorToken.Token);
        var sessionId = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue))).Session.SessionId;
        await leavingClient.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId);

        await using var stayingClient = await HubClient.AgentAsync(e2e.Node.BaseUrl, staying.Token);
        await leavingClient.DisposeAsync();

        await stayingClient.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId);
        using var http = e2e.Http(e2e.AdminToken);
        var status = await http.GetFromJsonAsync<AgentDetailsDto>($"/api/agents/{leaving.AgentId}", EndToEndFixture.Json);
        Assert.Equal(AgentPresence.Offline, status!.Status.Presence);
    }

    [Fact]
    public async Task A_visitor_cannot_reach_another_visitors_session()
    {
        var queue = await e2e.CreateQueueAsync();
        var owner = await e2e.NewVisitorAsync();
        var intruder = await e2e.NewVisitorAsync();
        await using var ownerClient = await HubClient.VisitorAsync(e2e.Node.BaseUrl, owner.Token);
        var sessionId = (await ownerClient.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue))).Session.SessionId;
        await ownerClient.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "secret-1", "my account number is 42");

        await using var intruderClient = await HubClient.VisitorAsync(e2e.Node.BaseUrl, intruder.Token);
        await Assert.ThrowsAsync<HubException>(() => intruderClient.Connection.InvokeAsync<JoinResult>("JoinSession", sessionId, 0L));
        await Assert.ThrowsAsync<HubException>(() => intruderClient.Connection.InvokeAsync<ChatMessage[]>("GetTranscript", sessionId, 0L, 50));
        await Assert.ThrowsAsync<HubException>(() => intruderClient.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "x", "hi"));
        using var http = e2e.Http(intruder.Token);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/sessions/{sessionId}/transcript")).StatusCode);
        Assert.DoesNotContain(intruderClient.Events<ChatMessage>(ClientEvents.Message), m => m.SessionId == sessionId);
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_error_and_the_connection_stays_usable()
    {
        var queue = await e2e.CreateQueueAsync();
        var visitorToken = await e2e.NewVisitorAsync();
        await using var visitor = await HubClient.VisitorAsync(e2e.Node.BaseUrl, visitorToken.Token);
        var sessionId = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue))).Session.SessionId;

        var tooLong = await Assert.ThrowsAsync<HubException>(() => visitor.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "big", new string('x', 5000)));
        Assert.Contains("text", tooLong.Message);
        await Assert.ThrowsAsync<HubException>(() => visitor.Connection.InvokeAsync<MessageAck>("SendMessage", "not a valid id!", "c", "hello"));
        await Assert.ThrowsAsync<HubException>(() => visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest("no-such-queue")));

        var ok = await visitor.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "fine", "still here");
        Assert.Equal(HubConnectionState.Connected, visitor.Connection.State);
        var transcript = await visitor.Connection.InvokeAsync<ChatMessage[]>("GetTranscript", sessionId, 0L, 50);
        Assert.Single(transcript, m => m.Kind == MessageKind.Text);
        Assert.Equal(ok.Seq, transcript.Single(m => m.Kind == MessageKind.Text).Seq);
    }

    [Fact]
    public async Task A_watch_only_staff_connection_does_not_make_the_agent_present()
    {
        var queue = await e2e.CreateQueueAsync();
        var watcher = await e2e.CreateAgentAsync(queue, "watcher");
        await using var dashboard = await HubClient.ConnectAsync(e2e.Node.BaseUrl, "/hubs/agent", watcher.Token, "?presence=off");
        Assert.Equal(AgentPresence.Offline, (await dashboard.WaitFor<AgentStatus>(ClientEvents.AgentStatus)).Presence);
        var visitorToken = await e2e.NewVisitorAsync();
        await using var visitor = await HubClient.VisitorAsync(e2e.Node.BaseUrl, visitorToken.Token);
        var sessionId = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue))).Session.SessionId;

        await using var workspace = await HubClient.AgentAsync(e2e.Node.BaseUrl, watcher.Token);
        await workspace.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId);
        Assert.DoesNotContain(dashboard.Events<SessionOffer>(ClientEvents.Offer), o => o.SessionId == sessionId);
    }

    private sealed record AgentDetailsDto(AgentProfile Profile, AgentStatus Status);
}
