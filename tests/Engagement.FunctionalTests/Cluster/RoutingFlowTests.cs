namespace Engagement.FunctionalTests.Cluster;

/// <summary>The routing flow across a two-silo cluster: offer, accept, converse, close; timeouts and declines.</summary>
[Collection(ClusterCollection.Name)]
public class RoutingFlowTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_visitor_and_an_agent_converse_through_the_queue()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice");
        var (agentConnection, agentEvents) = await s.ConnectAgent(alice, siloIndex: 0);
        var visitor = Scenario.Visitor(Scenario.NewVisitorId());
        var agent = Caller.Agent(alice, "alice");
        var sessionId = Scenario.NewSessionId();
        var session = s.Grains.GetSession(sessionId);

        var started = await session.Start(visitor, new StartSessionRequest(queue, "Billing question"));
        Assert.Equal(queue, started.QueueId);
        var offer = await agentEvents.WaitFor<SessionOffer>(agentConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
        Assert.Equal("Billing question", offer.Topic);

        var accepted = await s.Grains.GetAgent(alice).Accept(sessionId);
        Assert.Equal(SessionStatus.Active, accepted.Status);
        Assert.Equal(alice, accepted.AssignedAgentId);

        var (visitorConnection, visitorEvents) = s.Connection(1, HubKind.Visitor);
        await session.Join(visitor, visitorConnection, 0);
        await session.Join(agent, agentConnection, 0);
        var hello = await session.Send(visitor, "c-1", "Hello");
        var reply = await session.Send(agent, "a-1", "Hi, how can I help?");
        Assert.True(reply.Seq > hello.Seq);
        Assert.Equal("Hello", (await agentEvents.WaitFor<ChatMessage>(agentConnection.ConnectionId, ClientEvents.Message, m => m.Seq == hello.Seq)).Text);
        Assert.Equal("Hi, how can I help?", (await visitorEvents.WaitFor<ChatMessage>(visitorConnection.ConnectionId, ClientEvents.Message, m => m.Seq == reply.Seq)).Text);

        var transcript = await session.ReadTranscript(visitor, 0, 100);
        Assert.Equal(Enumerable.Range(1, transcript.Length).Select(i => (long)i), transcript.Select(m => m.Seq));
        Assert.Contains(transcript, m => m.Kind == MessageKind.Event && m.Text.Contains("joined"));

        var closed = await session.Close(agent, "resolved");
        Assert.Equal(SessionStatus.Closed, closed.Status);
        Assert.Equal("resolved", closed.Outcome);
        Assert.NotNull(closed.Timings.AcceptedAt);
        Assert.NotNull(closed.Timings.FirstAgentReplyAt);
        Assert.NotNull(closed.Timings.ClosedAt);
        await Scenario.Eventually(async () => (await s.Grains.GetAgent(alice).GetStatus()).ActiveSessions.Length == 0, "the agent's capacity is freed");
        await Assert.ThrowsAsync<EngagementException>(() => session.Send(visitor, "c-2", "still there?"));
    }

    [Fact]
    public async Task An_offer_that_times_out_goes_to_the_next_agent()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue(offerTimeout: QueueDefinition.MinOfferTimeout);
        var alice = await s.Agent(queue, "alice"); // configured first: idle longest, offered first
        var bob = await s.Agent(queue, "bob");
        var (aliceConnection, aliceEvents) = await s.ConnectAgent(alice);
        var (bobConnection, bobEvents) = await s.ConnectAgent(bob);
        var sessionId = Scenario.NewSessionId();

        await s.Grains.GetSession(sessionId).Start(Scenario.Visitor(Scenario.NewVisitorId()), new StartSessionRequest(queue));
        await aliceEvents.WaitFor<SessionOffer>(aliceConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
        var revoked = await aliceEvents.WaitFor<OfferRevoked>(aliceConnection.ConnectionId, ClientEvents.OfferRevoked, r => r.SessionId == sessionId);
        Assert.Equal(OfferEndReason.TimedOut, revoked.Reason);
        await bobEvents.WaitFor<SessionOffer>(bobConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);

        var late = await Assert.ThrowsAsync<EngagementException>(() => s.Grains.GetAgent(alice).Accept(sessionId));
        Assert.Equal(ErrorCodes.Conflict, late.Code);
        Assert.Equal(SessionStatus.Active, (await s.Grains.GetAgent(bob).Accept(sessionId)).Status);
    }

    [Fact]
    public async Task A_declined_offer_goes_to_the_next_agent()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice");
        var bob = await s.Agent(queue, "bob");
        var (aliceConnection, aliceEvents) = await s.ConnectAgent(alice);
        var (bobConnection, bobEvents) = await s.ConnectAgent(bob, siloIndex: 1);
        var sessionId = Scenario.NewSessionId();

        await s.Grains.GetSession(sessionId).Start(Scenario.Visitor(Scenario.NewVisitorId()), new StartSessionRequest(queue));
        await aliceEvents.WaitFor<SessionOffer>(aliceConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
        await s.Grains.GetAgent(alice).Decline(sessionId);
        await bobEvents.WaitFor<SessionOffer>(bobConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
    }

    [Fact]
    public async Task Sessions_needing_a_skill_wait_for_an_agent_who_has_it()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var generalist = await s.Agent(queue, "gina");
        var (ginaConnection, ginaEvents) = await s.ConnectAgent(generalist);
        var sessionId = Scenario.NewSessionId();

        await s.Grains.GetSession(sessionId).Start(Scenario.Visitor(Scenario.NewVisitorId()), new StartSessionRequest(queue, RequiredSkills: ["french"]));
        var linguist = await s.Agent(queue, "luc", skills: ["support", "french"]);
        var (lucConnection, lucEvents) = await s.ConnectAgent(linguist);
        await lucEvents.WaitFor<SessionOffer>(lucConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
        Assert.DoesNotContain(ginaEvents.EventsFor(ginaConnection.ConnectionId), e => e.Payload is SessionOffer o && o.SessionId == sessionId);
    }

    [Fact]
    public async Task Waiting_visitors_see_their_position_move_up()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var visitors = Enumerable.Range(0, 3).Select(_ => (Caller: Scenario.Visitor(Scenario.NewVisitorId()), SessionId: Scenario.NewSessionId(), Connection: s.Connection(1, HubKind.Visitor))).ToList();
        foreach (var v in visitors)
        {
            await s.Grains.GetSession(v.SessionId).Start(v.Caller, new StartSessionRequest(queue));
            await s.Grains.GetSession(v.SessionId).Join(v.Caller, v.Connection.Ref, 0);
        }
        var third = visitors[2];
        await third.Connection.Recorder.WaitFor<QueuePosition>(third.Connection.Ref.ConnectionId, ClientEvents.QueuePosition, p => p.Position == 3);

        await s.Grains.GetSession(visitors[0].SessionId).Leave(visitors[0].Caller);
        await third.Connection.Recorder.WaitFor<QueuePosition>(third.Connection.Ref.ConnectionId, ClientEvents.QueuePosition, p => p.Position == 2);
        var snapshot = await s.Grains.GetQueue(queue).GetSnapshot();
        Assert.Equal(2, snapshot.Waiting.Length);
        Assert.Equal(1, snapshot.Abandoned);
        Assert.Equal(SessionStatus.Abandoned, (await s.Grains.GetSession(visitors[0].SessionId).Get(visitors[0].Caller)).Status);
    }

    [Fact]
    public async Task A_wrap_up_nobody_finishes_is_closed_by_the_system()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice");
        var (connection, events) = await s.ConnectAgent(alice);
        var sessionId = Scenario.NewSessionId();
        var session = s.Grains.GetSession(sessionId);
        await session.Start(Scenario.Visitor(Scenario.NewVisitorId()), new StartSessionRequest(queue));
        await events.WaitFor<SessionOffer>(connection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
        await s.Grains.GetAgent(alice).Accept(sessionId);

        Assert.Equal(SessionStatus.WrapUp, (await session.WrapUp(Caller.Agent(alice))).Status);

        await Scenario.Eventually(async () => (await session.Get(Caller.Agent(alice))).Status == SessionStatus.Closed, "the wrap-up times out", seconds: 60);
        await Scenario.Eventually(async () => (await s.Grains.GetAgent(alice).GetStatus()).ActiveSessions.Length == 0, "the agent's capacity is freed");
    }
}
