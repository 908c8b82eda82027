namespace Engagement.FunctionalTests.Cluster;

/// <summary>
/// A visitor who picks a representative from the directory: refused clearly when the representative is not
/// there, and handed to the queue's other agents when the representative goes away, declines, or the visitor
/// stops waiting (this cluster falls back after 1 s of unavailability).
/// </summary>
[Collection(ClusterCollection.Name)]
public class ChosenRepresentativeTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Starting_with_a_representative_who_is_away_or_offline_is_a_conflict()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice");
        var start = () => s.Grains.GetSession(Scenario.NewSessionId()).Start(Scenario.Visitor(Scenario.NewVisitorId()), new StartSessionRequest(queue, AgentId: alice));

        var offline = await Assert.ThrowsAsync<EngagementException>(start);
        Assert.Equal(ErrorCodes.Conflict, offline.Code);
        Assert.Contains("offline", offline.Message);

        await s.ConnectAgent(alice);
        await s.Grains.GetAgent(alice).SetChosenStatus(AgentChosenStatus.Away);
        var away = await Assert.ThrowsAsync<EngagementException>(start);
        Assert.Equal(ErrorCodes.Conflict, away.Code);
        Assert.Contains("away", away.Message);

        var otherQueue = await s.Queue();
        var wrongQueue = await Assert.ThrowsAsync<EngagementException>(() =>
            s.Grains.GetSession(Scenario.NewSessionId()).Start(Scenario.Visitor(Scenario.NewVisitorId()), new StartSessionRequest(otherQueue, AgentId: alice)));
        Assert.Equal(ErrorCodes.Invalid, wrongQueue.Code);
    }

    [Fact]
    public async Task Only_the_chosen_representative_is_offered_and_a_decline_hands_the_session_to_the_others()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice");
        var bob = await s.Agent(queue, "bob"); // idle for less long: without the choice alice would not be passed over
        var (aliceConnection, aliceEvents) = await s.ConnectAgent(alice);
        var (bobConnection, bobEvents) = await s.ConnectAgent(bob);
        var (sessionId, visitorConnection, visitorEvents) = await StartWithRepresentativeAsync(s, queue, bob);

        await bobEvents.WaitFor<SessionOffer>(bobConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
        Assert.DoesNotContain(aliceEvents.EventsFor(aliceConnection.ConnectionId), e => e.Payload is SessionOffer o && o.SessionId == sessionId);

        await s.Grains.GetAgent(bob).Decline(sessionId);
        var notice = await visitorEvents.WaitFor<RepresentativeNotice>(visitorConnection.ConnectionId, ClientEvents.Representative, n => n.State == RepresentativeState.FellBack);
        Assert.Equal((bob, RepresentativeReason.Declined), (notice.AgentId, notice.Reason!.Value));
        await aliceEvents.WaitFor<SessionOffer>(aliceConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
        var view = await visitorEvents.WaitFor<SessionView>(visitorConnection.ConnectionId, ClientEvents.Session, v => v.PreferredAgentId is null);
        Assert.Equal(sessionId, view.SessionId);
    }

    [Fact]
    public async Task A_representative_who_goes_offline_is_announced_then_replaced_after_the_wait()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice", capacity: 1);
        var bob = await s.Agent(queue, "bob");
        var (aliceConnection, _) = await s.ConnectAgent(alice);
        await BusyAsync(s, queue, alice); // alice is busy: the visitor waits for her
        var (sessionId, visitorConnection, visitorEvents) = await StartWithRepresentativeAsync(s, queue, alice);
        var (bobConnection, bobEvents) = await s.ConnectAgent(bob);

        await s.Grains.GetAgent(alice).Disconnect(aliceConnection.ConnectionId);
        var unavailable = await visitorEvents.WaitFor<RepresentativeNotice>(visitorConnection.ConnectionId, ClientEvents.Representative,
            n => n.State == RepresentativeState.Unavailable);
        Assert.Equal(RepresentativeReason.Offline, unavailable.Reason);
        Assert.NotNull(unavailable.FallbackAt);

        var fellBack = await visitorEvents.WaitFor<RepresentativeNotice>(visitorConnection.ConnectionId, ClientEvents.Representative,
            n => n.State == RepresentativeState.FellBack);
        Assert.Equal(RepresentativeReason.WaitExpired, fellBack.Reason);
        Assert.True(fellBack.Version > unavailable.Version);
        await bobEvents.WaitFor<SessionOffer>(bobConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
        await visitorEvents.WaitFor<ChatMessage>(visitorConnection.ConnectionId, ClientEvents.Message,
            m => m.Kind == MessageKind.Event && m.Text.Contains("next available agent"));
    }

    [Fact]
    public async Task The_visitor_may_stop_waiting_for_a_busy_representative()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice", capacity: 1);
        var bob = await s.Agent(queue, "bob");
        await s.ConnectAgent(alice);
        await BusyAsync(s, queue, alice);
        var (bobConnection, bobEvents) = await s.ConnectAgent(bob);
        var (sessionId, _, _) = await StartWithRepresentativeAsync(s, queue, alice);
        Assert.Equal(SessionStatus.Queued, (await s.Grains.GetSession(sessionId).Get(Scenario.Visitor(VisitorOf(sessionId)))).Status);

        var view = await s.Grains.GetSession(sessionId).WaitForAnyAgent(Scenario.Visitor(VisitorOf(sessionId)));
        Assert.Null(view.PreferredAgentId);
        await bobEvents.WaitFor<SessionOffer>(bobConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);

        var stranger = await Assert.ThrowsAsync<EngagementException>(() => s.Grains.GetSession(sessionId).WaitForAnyAgent(Scenario.Visitor(Scenario.NewVisitorId())));
        Assert.Equal(ErrorCodes.NotFound, stranger.Code);
    }

    private readonly Dictionary<string, string> _visitors = [];

    private string VisitorOf(string sessionId) => _visitors[sessionId];

    /// <summary>A visitor starts a session for <paramref name="agentId"/> and joins it from silo 1.</summary>
    private async Task<(string SessionId, ConnectionRef Connection, RecordingRouter Events)> StartWithRepresentativeAsync(Scenario s, string queue, string agentId)
    {
        var visitorId = Scenario.NewVisitorId();
        var visitor = Scenario.Visitor(visitorId);
        var sessionId = Scenario.NewSessionId();
        _visitors[sessionId] = visitorId;
        var session = s.Grains.GetSession(sessionId);
        var started = await session.Start(visitor, new StartSessionRequest(queue, AgentId: agentId));
        Assert.Equal(agentId, started.PreferredAgentId);
        var (connection, events) = s.Connection(1, HubKind.Visitor);
        await session.Join(visitor, connection, 0);
        return (sessionId, connection, events);
    }

    /// <summary>Gives the agent a session of its own, filling its capacity.</summary>
    private static async Task BusyAsync(Scenario s, string queue, string agentId)
    {
        var sessionId = Scenario.NewSessionId();
        await s.Grains.GetSession(sessionId).Start(Scenario.Visitor(Scenario.NewVisitorId()), new StartSessionRequest(queue, AgentId: agentId));
        await Scenario.Eventually(async () => (await s.Grains.GetAgent(agentId).GetStatus()).PendingOffers.Any(o => o.SessionId == sessionId), "the agent is offered the session");
        await s.Grains.GetAgent(agentId).Accept(sessionId);
        Assert.Equal(AgentPresence.Busy, (await s.Grains.GetAgent(agentId).GetStatus()).Presence);
    }
}
