namespace Engagement.FunctionalTests.Cluster;

/// <summary>Presence derived from live connections: agents going offline hand back offers; customers across tabs.</summary>
[Collection(ClusterCollection.Name)]
public class PresenceTests(ClusterFixture cluster)
{
    [Fact]
    public async Task An_agent_who_disconnects_goes_offline_and_the_offer_goes_back_to_the_queue()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice");
        var bob = await s.Agent(queue, "bob");
        var (aliceConnection, aliceEvents) = await s.ConnectAgent(alice);
        var sessionId = Scenario.NewSessionId();
        await s.Grains.GetSession(sessionId).Start(Scenario.Visitor(Scenario.NewVisitorId()), new StartSessionRequest(queue));
        await aliceEvents.WaitFor<SessionOffer>(aliceConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);

        var (bobConnection, bobEvents) = await s.ConnectAgent(bob);
        await s.Grains.GetAgent(alice).Disconnect(aliceConnection.ConnectionId);

        await Scenario.Eventually(async () => (await s.Grains.GetAgent(alice).GetStatus()).Presence == AgentPresence.Offline, "alice goes offline after the grace period");
        await bobEvents.WaitFor<SessionOffer>(bobConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
    }

    [Fact]
    public async Task An_agent_whose_connections_stop_heartbeating_goes_offline_by_itself()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice");
        await s.ConnectAgent(alice, heartbeat: false);
        Assert.Equal(AgentPresence.Available, (await s.Grains.GetAgent(alice).GetStatus()).Presence);
        await Scenario.Eventually(async () => (await s.Grains.GetAgent(alice).GetStatus()).Presence == AgentPresence.Offline, "alice times out");
        await Scenario.Eventually(async () => (await s.Grains.GetQueue(queue).GetSnapshot()).Agents.Single().Presence == AgentPresence.Offline, "the queue sees alice offline");
    }

    [Fact]
    public async Task Agent_presence_follows_the_chosen_status_and_load()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice", capacity: 1);
        var (connection, events) = await s.ConnectAgent(alice);
        var agent = s.Grains.GetAgent(alice);
        Assert.Equal(AgentPresence.Away, (await agent.SetChosenStatus(AgentChosenStatus.Away)).Presence);
        Assert.Equal(AgentPresence.Available, (await agent.SetChosenStatus(AgentChosenStatus.Available)).Presence);

        var sessionId = Scenario.NewSessionId();
        await s.Grains.GetSession(sessionId).Start(Scenario.Visitor(Scenario.NewVisitorId()), new StartSessionRequest(queue));
        await events.WaitFor<SessionOffer>(connection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
        await agent.Accept(sessionId);
        Assert.Equal(AgentPresence.Busy, (await agent.GetStatus()).Presence);
    }

    [Fact]
    public async Task A_customer_is_online_while_any_tab_is_in_front_and_agents_in_the_session_see_changes()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice");
        var (agentConnection, agentEvents) = await s.ConnectAgent(alice);
        var visitorId = Scenario.NewVisitorId();
        var customer = s.Grains.GetCustomer(visitorId);
        var sessionId = Scenario.NewSessionId();
        await s.Grains.GetSession(sessionId).Start(Scenario.Visitor(visitorId), new StartSessionRequest(queue));
        await agentEvents.WaitFor<SessionOffer>(agentConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
        await s.Grains.GetAgent(alice).Accept(sessionId);
        await s.Grains.GetSession(sessionId).Join(Caller.Agent(alice), agentConnection, 0);

        var front = await s.ConnectVisitor(visitorId, new VisitorLocation("web", "/pricing", "Pricing", Away: false), siloIndex: 0);
        var back = await s.ConnectVisitor(visitorId, new VisitorLocation("web", "/docs", "Docs", Away: true), siloIndex: 1);
        var both = await customer.GetPresence();
        Assert.Equal(CustomerPresence.Online, both.Overall);
        Assert.Equal(2, both.Channels.Single().Connections);

        await customer.Disconnect(front.ConnectionId);
        await agentEvents.WaitFor<CustomerPresenceView>(agentConnection.ConnectionId, ClientEvents.CustomerPresence, p => p.Overall == CustomerPresence.Away);
        await customer.Disconnect(back.ConnectionId);
        await agentEvents.WaitFor<CustomerPresenceView>(agentConnection.ConnectionId, ClientEvents.CustomerPresence, p => p.Overall == CustomerPresence.Offline);
    }

    [Fact]
    public async Task A_waiting_visitor_who_leaves_the_site_abandons_the_session()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var visitorId = Scenario.NewVisitorId();
        var tab = s.Connection(0, HubKind.Visitor).Ref;
        await s.Grains.GetCustomer(visitorId).Connect(tab, new VisitorLocation("web", "/", null, Away: false));
        var session = s.Grains.GetSession(Scenario.NewSessionId());
        await session.Start(Scenario.Visitor(visitorId), new StartSessionRequest(queue));

        await s.Grains.GetCustomer(visitorId).Disconnect(tab.ConnectionId);

        await Scenario.Eventually(async () => (await session.Get(Scenario.Visitor(visitorId))).Status == SessionStatus.Abandoned, "the session is abandoned");
        await Scenario.Eventually(async () => (await s.Grains.GetQueue(queue).GetSnapshot()) is { Waiting.Length: 0, Abandoned: 1 }, "the queue counts it");
    }
}
