using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>The directory, the dashboard and the workspace tools over the real SignalR client and REST.</summary>
[Collection(EndToEndCollection.Name)]
public class WorkspaceFeaturesHubTests(EndToEndFixture e2e)
{
    [Fact]
    public async Task A_visitor_watching_the_directory_sees_a_representative_come_online()
    {
        var queue = await e2e.CreateQueueAsync();
        var visitorToken = await e2e.NewVisitorAsync();
        await using var visitor = await HubClient.VisitorAsync(e2e.Node.BaseUrl, visitorToken.Token);
        var snapshot = await visitor.Connection.InvokeAsync<DirectorySnapshot>("WatchDirectory");
        Assert.Contains(snapshot.Queues, q => q.QueueId == queue && q.AgentsOnline == 0);
        Assert.DoesNotContain(snapshot.Representatives, r => r.Role != StaffRole.Agent);

        var dana = await e2e.CreateAgentAsync(queue, "dana");
        await using var agent = await HubClient.AgentAsync(e2e.Node.BaseUrl, dana.Token);
        var online = await visitor.WaitFor<DirectoryChange>(ClientEvents.DirectoryPresence,
            c => c.AgentId == dana.AgentId && c.Entry?.Presence == AgentPresence.Available);
        Assert.Equal("dana", online.Entry!.DisplayName);
        Assert.True(online.Version > snapshot.Version);
        Assert.Contains(online.Queues, q => q.QueueId == queue && q.AgentsAvailable == 1);

        await visitor.Connection.InvokeAsync("UnwatchDirectory");
        using var http = e2e.Http(visitorToken.Token);
        var directory = await http.GetFromJsonAsync<DirectorySnapshot>("/api/directory", EndToEndFixture.Json);
        Assert.Contains(directory!.Representatives, r => r.AgentId == dana.AgentId && r.Presence == AgentPresence.Available);
    }

    [Fact]
    public async Task A_chosen_representative_who_is_away_is_refused_clearly()
    {
        var queue = await e2e.CreateQueueAsync();
        var erin = await e2e.CreateAgentAsync(queue, "erin");
        await using var agent = await HubClient.AgentAsync(e2e.Node.BaseUrl, erin.Token);
        await agent.Connection.InvokeAsync<AgentStatus>("SetStatus", AgentChosenStatus.Away);
        var visitorToken = await e2e.NewVisitorAsync();
        await using var visitor = await HubClient.VisitorAsync(e2e.Node.BaseUrl, visitorToken.Token);

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue, AgentId: erin.AgentId)));
        Assert.Contains("conflict: erin is away right now", refused.Message);

        await agent.Connection.InvokeAsync<AgentStatus>("SetStatus", AgentChosenStatus.Available);
        var started = await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue, AgentId: erin.AgentId));
        Assert.Equal(erin.AgentId, started.Session.PreferredAgentId);
        await agent.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == started.Session.SessionId);
    }

    [Fact]
    public async Task Supervisors_watch_the_dashboard_live_and_agents_are_refused()
    {
        var queue = await e2e.CreateQueueAsync();
        var frank = await e2e.CreateAgentAsync(queue, "frank");
        var sue = await e2e.CreateAgentAsync(queue, "sue", role: "supervisor");
        await using var agent = await HubClient.AgentAsync(e2e.Node.BaseUrl, frank.Token);
        await using var supervisor = await HubClient.AgentAsync(e2e.Node.BaseUrl, sue.Token);

        var refused = await Assert.ThrowsAsync<HubException>(() => agent.Connection.InvokeAsync<DashboardSnapshot>("WatchDashboard"));
        Assert.Contains("forbidden", refused.Message);
        using (var agentHttp = e2e.Http(frank.Token))
            Assert.Equal(HttpStatusCode.Forbidden, (await agentHttp.GetAsync("/api/dashboard")).StatusCode);

        var before = await supervisor.Connection.InvokeAsync<DashboardSnapshot>("WatchDashboard");
        var (sessionId, visitor) = await StartAndAcceptAsync(queue, agent);
        await using (visitor)
        {
            await supervisor.WaitFor<DashboardSnapshot>(ClientEvents.Dashboard, d => d.Queues.Any(q => q.QueueId == queue && q.Answered == 1));
            await visitor.Connection.InvokeAsync<SessionView>("RateSession", sessionId, 5, 10, "Great help");
            var rated = await supervisor.WaitFor<DashboardSnapshot>(ClientEvents.Dashboard, d => d.Quality.CsatAnswers == before.Quality.CsatAnswers + 1);
            Assert.True(rated.Version > before.Version);
            using var http = e2e.Http(sue.Token);
            var polled = await http.GetFromJsonAsync<DashboardSnapshot>("/api/dashboard", EndToEndFixture.Json);
            Assert.Equal(before.Quality.CsatAnswers + 1, polled!.Quality.CsatAnswers);
        }
    }

    [Fact]
    public async Task Notes_reach_staff_only_and_read_receipts_reach_the_other_side()
    {
        var queue = await e2e.CreateQueueAsync();
        var gina = await e2e.CreateAgentAsync(queue, "gina");
        await using var agent = await HubClient.AgentAsync(e2e.Node.BaseUrl, gina.Token);
        var (sessionId, visitor) = await StartAndAcceptAsync(queue, agent);
        await using var _ = visitor;

        var note = await agent.Connection.InvokeAsync<SessionNote>("AddNote", sessionId, "Wants the annual plan");
        Assert.Equal(gina.AgentId, note.AuthorId);
        await agent.WaitFor<SessionNote>(ClientEvents.Note, n => n.Text == "Wants the annual plan");
        Assert.Single(await agent.Connection.InvokeAsync<SessionNote[]>("GetNotes", sessionId));

        var hello = await agent.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "g-1", "Hello!");
        await visitor.WaitFor<ChatMessage>(ClientEvents.Message, m => m.Seq == hello.Seq);
        await visitor.Connection.InvokeAsync("MarkRead", sessionId, hello.Seq);
        var visitorRead = await agent.WaitFor<ReadReceipt>(ClientEvents.Read, r => r.Role == ParticipantRole.Visitor);
        Assert.Equal((hello.Seq, visitor.CustomerId), (visitorRead.Seq, visitorRead.ParticipantId));

        var question = await visitor.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, "v-1", "Thanks, one question");
        await agent.Connection.InvokeAsync("MarkRead", sessionId, question.Seq);
        var agentRead = await visitor.WaitFor<ReadReceipt>(ClientEvents.Read, r => r.Role == ParticipantRole.Agent);
        Assert.Equal((question.Seq, gina.AgentId), (agentRead.Seq, agentRead.ParticipantId));

        // The visitor never sees notes: no event, no way to read them, nothing in the session or transcript.
        await agent.Connection.InvokeAsync<SessionNote>("AddNote", sessionId, "Second note, after the reads");
        await agent.WaitFor<SessionNote>(ClientEvents.Note, n => n.Text.StartsWith("Second"));
        var view = await visitor.Connection.InvokeAsync<JoinResult>("JoinSession", sessionId, 0L);
        Assert.DoesNotContain(view.Missed, m => m.Text.Contains("annual plan") || m.Text.Contains("Second note"));
        Assert.Empty(visitor.Events<SessionNote>(ClientEvents.Note));
        using var visitorHttp = e2e.Http(visitor.Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await visitorHttp.GetAsync($"/api/sessions/{sessionId}/notes")).StatusCode);
        Assert.Contains(view.Session.Reads!, r => r.Role == ParticipantRole.Visitor && r.Seq == hello.Seq);
    }

    [Fact]
    public async Task A_rating_is_recorded_on_the_session_and_replaced_by_a_second_one()
    {
        var queue = await e2e.CreateQueueAsync();
        var hal = await e2e.CreateAgentAsync(queue, "hal");
        await using var agent = await HubClient.AgentAsync(e2e.Node.BaseUrl, hal.Token);
        var (sessionId, visitor) = await StartAndAcceptAsync(queue, agent);
        await using var _ = visitor;

        var bad = await Assert.ThrowsAsync<HubException>(() => visitor.Connection.InvokeAsync<SessionView>("RateSession", sessionId, 6, null, null));
        Assert.Contains("invalid", bad.Message);
        await agent.Connection.InvokeAsync<SessionView>("CloseSession", sessionId, "resolved");
        var first = await visitor.Connection.InvokeAsync<SessionView>("RateSession", sessionId, 2, null, null);
        Assert.Equal(2, first.Rating!.Csat);
        using var http = e2e.Http(visitor.Token);
        var response = await http.PostAsJsonAsync($"/api/sessions/{sessionId}/rating", new { csat = 4, nps = 8, comment = "Better on reflection" }, EndToEndFixture.Json);
        response.EnsureSuccessStatusCode();
        var session = await http.GetFromJsonAsync<SessionView>($"/api/sessions/{sessionId}", EndToEndFixture.Json);
        Assert.Equal(new SessionRating(4, 8, "Better on reflection", session!.Rating!.At), session.Rating);
        await agent.WaitFor<SessionView>(ClientEvents.Session, v => v.Rating?.Csat == 4);
    }

    [Fact]
    public async Task Admins_manage_canned_responses_and_agents_read_them()
    {
        var queue = await e2e.CreateQueueAsync();
        var ivy = await e2e.CreateAgentAsync(queue, "ivy");
        using var admin = e2e.Http(e2e.AdminToken);
        var shortcut = "ship" + Guid.NewGuid().ToString("N")[..6];

        var created = await admin.PostAsJsonAsync("/api/canned-responses", new { shortcut = "/" + shortcut, title = "Shipping", text = "Orders ship within 2 days." }, EndToEndFixture.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var response = (await created.Content.ReadFromJsonAsync<CannedResponse>(EndToEndFixture.Json))!;
        Assert.Equal(shortcut, response.Shortcut);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/canned-responses", new { shortcut, title = "Again", text = "Dup" }, EndToEndFixture.Json)).StatusCode);

        var updated = await admin.PutAsJsonAsync($"/api/canned-responses/{response.Id}", new { shortcut, title = "Shipping", text = "Orders ship within 1 day." }, EndToEndFixture.Json);
        updated.EnsureSuccessStatusCode();
        await using var agent = await HubClient.AgentAsync(e2e.Node.BaseUrl, ivy.Token);
        var seen = await agent.Connection.InvokeAsync<CannedResponse[]>("GetCannedResponses");
        Assert.Contains(seen, r => r.Id == response.Id && r.Text == "Orders ship within 1 day.");

        using var agentHttp = e2e.Http(ivy.Token);
        Assert.Equal(HttpStatusCode.OK, (await agentHttp.GetAsync("/api/canned-responses")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agentHttp.DeleteAsync($"/api/canned-responses/{response.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/canned-responses/{response.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/canned-responses/{response.Id}")).StatusCode);
        Assert.DoesNotContain(await agent.Connection.InvokeAsync<CannedResponse[]>("GetCannedResponses"), r => r.Id == response.Id);
    }

    [Fact]
    public async Task An_agent_gets_customer_history_only_through_a_session_of_theirs()
    {
        var queue = await e2e.CreateQueueAsync();
        var jay = await e2e.CreateAgentAsync(queue, "jay");
        var kim = await e2e.CreateAgentAsync(queue, "kim");
        await using var jayClient = await HubClient.AgentAsync(e2e.Node.BaseUrl, jay.Token);
        var (sessionId, visitor) = await StartAndAcceptAsync(queue, jayClient);
        await using var _ = visitor;
        await using var kimClient = await HubClient.AgentAsync(e2e.Node.BaseUrl, kim.Token);

        var stranger = await Assert.ThrowsAsync<HubException>(() => kimClient.Connection.InvokeAsync<HistoryEntry[]>("GetCustomerHistory", sessionId));
        Assert.Contains("not_found", stranger.Message);
        using var kimHttp = e2e.Http(kim.Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await kimHttp.GetAsync($"/api/customers/{visitor.CustomerId}/history")).StatusCode);
    }

    /// <summary>A visitor starts a session in <paramref name="queue"/> and the agent accepts it.</summary>
    private async Task<(string SessionId, VisitorClient Visitor)> StartAndAcceptAsync(string queue, HubClient agent)
    {
        var token = await e2e.NewVisitorAsync();
        var visitor = new VisitorClient(await HubClient.VisitorAsync(e2e.Node.BaseUrl, token.Token), token.CustomerId, token.Token);
        var sessionId = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue))).Session.SessionId;
        await agent.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId);
        await agent.Connection.InvokeAsync<JoinResult>("AcceptOffer", sessionId);
        await visitor.WaitFor<SessionView>(ClientEvents.Session, s => s.Status == SessionStatus.Active);
        return (sessionId, visitor);
    }

    /// <summary>A visitor's hub client with its id and token.</summary>
    private sealed class VisitorClient(HubClient client, string customerId, string token) : IAsyncDisposable
    {
        public HubConnection Connection => client.Connection;
        public string CustomerId { get; } = customerId;
        public string Token { get; } = token;
        public Task<T> WaitFor<T>(string name, Func<T, bool>? match = null) => client.WaitFor(name, match);
        public IEnumerable<T> Events<T>(string name) => client.Events<T>(name);
        public ValueTask DisposeAsync() => client.DisposeAsync();
    }
}
