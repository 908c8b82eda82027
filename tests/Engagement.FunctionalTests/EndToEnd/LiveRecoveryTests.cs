using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Engagement.Api.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>
/// Clients that stay connected keep receiving every live event, exactly once and in seq order, when the grains
/// behind them lose their activations: a session deactivated under them, or a node leaving the cluster (the
/// survivors then deactivate every grain whose directory entry that node held). Nobody re-joins; the silos'
/// listener leases bring the grains' side back. Presence and routing come back too.
/// </summary>
[Collection(RecoveryCollection.Name)]
public class LiveRecoveryTests(EndToEndFixture e2e)
{
    private const int Sessions = 16;

    [Fact]
    public async Task A_session_that_loses_its_activation_keeps_delivering_live_in_order()
    {
        var other = await e2e.StartNodeAsync();
        try
        {
            var queue = await e2e.CreateQueueAsync();
            var agentLogin = await e2e.CreateAgentAsync(queue, "keeper");
            await using var agent = await HubClient.AgentAsync(other.BaseUrl, agentLogin.Token);
            var conversation = await StartAcceptedAsync(e2e.Node, agent, queue);

            await SendRoundAsync([conversation], agent, "before");
            await e2e.Node.Services.GetRequiredService<IGrainFactory>().GetSession(conversation.SessionId)
                .AsReference<IGrainManagementExtension>().DeactivateOnIdle();
            await SendRoundAsync([conversation], agent, "after");

            await AssertEveryoneSawEverythingInOrderAsync([conversation], agent);
        }
        finally
        {
            await e2e.StopNodeAsync(other);
        }
    }

    [Fact]
    public async Task A_connection_that_closes_while_its_join_is_out_leaves_nothing_behind_in_the_sessions_feed()
    {
        var queue = await e2e.CreateQueueAsync();
        var token = await e2e.NewVisitorAsync();
        await using var firstTab = await HubClient.VisitorAsync(e2e.Node.BaseUrl, token.Token);
        var sessionId = (await firstTab.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue))).Session.SessionId;
        var connections = e2e.Node.Services.GetRequiredService<ClientConnections>();
        var customer = new ListenerKey(ListenerKind.Customer, token.CustomerId);
        var firstId = Assert.Single(connections.LeasesOn(customer)).Connection.ConnectionId;
        var secondTab = await HubClient.VisitorAsync(e2e.Node.BaseUrl, token.Token);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string[] tabs;
        while ((tabs = [.. connections.LeasesOn(customer).Select(l => l.Connection.ConnectionId)]).Length < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the server holds the second tab");
            await Task.Delay(20);
        }
        var connectionId = Assert.Single(tabs, id => id != firstId);
        var held = connections.Count;

        // The second tab's first join starts as the hub starts one; the tab closes before the session answers.
        connections.BeginJoin(connectionId, sessionId);
        Assert.True(connections.Follows(connectionId, sessionId));
        await secondTab.DisposeAsync();
        while (connections.Count >= held)
        {
            Assert.True(DateTime.UtcNow < deadline, "the server saw the tab close");
            await Task.Delay(20);
        }
        connections.Joined(connectionId, sessionId, upToSeq: 0);

        Assert.False(connections.Follows(connectionId, sessionId));
        Assert.True(connections.Follows(firstId, sessionId));
    }

    [Fact]
    public async Task An_agent_that_loses_its_activation_keeps_its_presence_and_the_offer_it_holds()
    {
        var queue = await e2e.CreateQueueAsync(offerTimeout: TimeSpan.FromMinutes(2));
        var login = await e2e.CreateAgentAsync(queue, "holder");
        await using var agent = await HubClient.AgentAsync(e2e.Node.BaseUrl, login.Token);
        var token = await e2e.NewVisitorAsync();
        await using var visitor = await HubClient.VisitorAsync(e2e.Node.BaseUrl, token.Token);
        var sessionId = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue))).Session.SessionId;
        await agent.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId);

        var grains = e2e.Node.Services.GetRequiredService<IGrainFactory>();
        await grains.GetAgent(login.AgentId).AsReference<IGrainManagementExtension>().DeactivateOnIdle();

        // The new activation gets its connection back from the silo and its offer back from the queue.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(await grains.GetAgent(login.AgentId).GetStatus()).PendingOffers.Any(o => o.SessionId == sessionId))
        {
            Assert.True(DateTime.UtcNow < deadline, "the new activation has the offer back");
            await Task.Delay(50);
        }
        var accepted = await agent.Connection.InvokeAsync<JoinResult>("AcceptOffer", sessionId);
        Assert.Equal(SessionStatus.Active, accepted.Session.Status);
        Assert.Equal(1, (await grains.GetAgent(login.AgentId).GetStatus()).Connections);
    }

    [Fact]
    public async Task An_agent_activated_again_answers_its_very_first_call_with_the_connection_it_still_has()
    {
        // A new activation must not tell anyone "offline" while a workspace still holds a lease on the agent: not the
        // caller that activated it (here the agent's own SetStatus, as a click on Away right after a node left: the
        // workspace showed the answer, Offline), nor its own connections, nor the queues and boards it reports to.
        var queue = await e2e.CreateQueueAsync();
        var login = await e2e.CreateAgentAsync(queue, "steady");
        await using var agent = await HubClient.AgentAsync(e2e.Node.BaseUrl, login.Token);
        var grains = e2e.Node.Services.GetRequiredService<IGrainFactory>();
        await agent.WaitFor<AgentStatus>(ClientEvents.AgentStatus, s => s.Presence == AgentPresence.Available); // sent once connected

        await grains.GetAgent(login.AgentId).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var statusEvents = agent.Events<AgentStatus>(ClientEvents.AgentStatus).Count();
        var answer = await agent.Connection.InvokeAsync<AgentStatus>("SetStatus", AgentChosenStatus.Away);

        Assert.Equal(AgentPresence.Away, answer.Presence);
        Assert.Equal(1, answer.Connections);
        Assert.DoesNotContain(agent.Events<AgentStatus>(ClientEvents.AgentStatus).Skip(statusEvents), s => s.Presence == AgentPresence.Offline);
        Assert.Equal(1, (await grains.GetAgent(login.AgentId).GetStatus()).Connections);
    }

    [Fact]
    public async Task When_a_node_leaves_connected_clients_on_the_others_miss_nothing_and_presence_and_routing_hold()
    {
        var second = await e2e.StartNodeAsync();
        var leaving = await e2e.StartNodeAsync();
        var queue = await e2e.CreateQueueAsync();
        var aliceLogin = await e2e.CreateAgentAsync(queue, "alice", capacity: Sessions);
        var bobLogin = await e2e.CreateAgentAsync(queue, "bob", capacity: Sessions);
        await using var alice = await HubClient.AgentAsync(e2e.Node.BaseUrl, aliceLogin.Token);
        await using var bob = await HubClient.AgentAsync(second.BaseUrl, bobLogin.Token);

        // Visitors on both staying nodes; the grains spread over all three, so the leaving node takes activations
        // and directory entries of many of them with it.
        var conversations = new List<Conversation>();
        for (var i = 0; i < Sessions; i++)
            conversations.Add(await StartAcceptedAsync(i % 2 == 0 ? e2e.Node : second, i % 2 == 0 ? alice : bob, queue));
        await SendRoundAsync(conversations, null, "before");

        var grains = e2e.Node.Services.GetRequiredService<IGrainFactory>();
        var staying = new[] { e2e.Node, second }.Select(n => n.Services.GetRequiredService<ClientConnections>()).ToList();
        var requestsBefore = staying.Sum(c => c.RenewalRequests);

        await e2e.StopNodeAsync(leaving);

        await SendRoundAsync(conversations, null, "after");
        await AssertEveryoneSawEverythingInOrderAsync(conversations, null);

        // The test really lost activations: grains came back without their listeners and asked the silos for them.
        Assert.True(staying.Sum(c => c.RenewalRequests) > requestsBefore);

        // Both agents are still present with their connection, and a new visitor is routed to one of them.
        foreach (var agentId in new[] { aliceLogin.AgentId, bobLogin.AgentId })
        {
            var status = await grains.GetAgent(agentId).GetStatus();
            Assert.NotEqual(AgentPresence.Offline, status.Presence);
            Assert.Equal(1, status.Connections);
        }
        var visitorToken = await e2e.NewVisitorAsync();
        await using var late = await HubClient.VisitorAsync(second.BaseUrl, visitorToken.Token);
        var lateSession = (await late.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue))).Session.SessionId;
        await Task.WhenAny(
            alice.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == lateSession),
            bob.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == lateSession));
        Assert.Contains(alice.Events<SessionOffer>(ClientEvents.Offer).Concat(bob.Events<SessionOffer>(ClientEvents.Offer)), o => o.SessionId == lateSession);

        foreach (var c in conversations) await c.Visitor.DisposeAsync();
    }

    /// <summary>A visitor on <paramref name="node"/> and an agent in a live session; the join replies' ends recorded.</summary>
    private async Task<Conversation> StartAcceptedAsync(EngagementNode node, HubClient agent, string queue)
    {
        var token = await e2e.NewVisitorAsync();
        var visitor = await HubClient.VisitorAsync(node.BaseUrl, token.Token);
        var started = await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue));
        var sessionId = started.Session.SessionId;
        await agent.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId);
        var accepted = await agent.Connection.InvokeAsync<JoinResult>("AcceptOffer", sessionId);
        var conversation = new Conversation(sessionId, visitor, agent, started.UpToSeq, accepted.UpToSeq);
        await visitor.WaitFor<SessionView>(ClientEvents.Session, s => s.SessionId == sessionId && s.Status == SessionStatus.Active);
        return conversation;
    }

    /// <summary>Each visitor writes and its agent answers; the acknowledged seqs are what everyone must see.</summary>
    private static async Task SendRoundAsync(IEnumerable<Conversation> conversations, HubClient? onlyAgent, string tag)
    {
        await Task.WhenAll(conversations.Select(async c =>
        {
            var agent = onlyAgent ?? c.Agent;
            c.Acked.Add(((await SendWithRetryAsync(c.Visitor, c.SessionId, $"{tag}-v-{c.SessionId}")).Seq, c.Visitor));
            c.Acked.Add(((await SendWithRetryAsync(agent, c.SessionId, $"{tag}-a-{c.SessionId}")).Seq, agent));
        }));
    }

    /// <summary>A send that met a node on its way out is retried with the same client message id, as clients do.</summary>
    private static async Task<MessageAck> SendWithRetryAsync(HubClient client, string sessionId, string clientMessageId)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, clientMessageId, clientMessageId);
            }
            catch (HubException e) when (attempt < 20 && e.Message.Contains("unavailable"))
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>
    /// Every party got every message after its join reply live, once, in order, with no gap: the live seqs of a
    /// session on one connection are exactly upToSeq+1, upToSeq+2, … up to the last acknowledged one, less the ones
    /// that connection sent itself (those came in its acknowledgements; after a node fails one may also come as an event).
    /// </summary>
    private static async Task AssertEveryoneSawEverythingInOrderAsync(IReadOnlyList<Conversation> conversations, HubClient? onlyAgent)
    {
        foreach (var c in conversations)
        {
            var last = c.Acked.Max(a => a.Seq);
            foreach (var (client, from) in new[] { (c.Visitor, c.VisitorFrom), (onlyAgent ?? c.Agent, c.AgentFrom) })
            {
                var own = c.Acked.Where(a => a.Sender == client).Select(a => a.Seq).ToHashSet();
                var expected = Enumerable.Range((int)from + 1, (int)(last - from)).Select(i => (long)i).Where(seq => !own.Contains(seq)).ToList();
                await client.WaitFor<ChatMessage>(ClientEvents.Message, m => m.SessionId == c.SessionId && m.Seq == expected[^1], seconds: 30);
                var live = client.Events<ChatMessage>(ClientEvents.Message).Where(m => m.SessionId == c.SessionId).Select(m => m.Seq).ToList();
                // docs/protocol.md, resume rule: after a node fails, one of the connection's own messages may still come
                // as an event too (the client drops it as a seq it holds). Everything else is exact: once, in order.
                Assert.Equal(expected, live.TakeWhile(seq => seq <= last).Where(seq => !own.Contains(seq)).ToList());
                Assert.Equal(live.Count, live.Distinct().Count());
            }
        }
    }

    private sealed record Conversation(string SessionId, HubClient Visitor, HubClient Agent, long VisitorFrom, long AgentFrom)
    {
        /// <summary>Each acknowledged message's seq and the connection that sent it.</summary>
        public List<(long Seq, HubClient Sender)> Acked { get; } = [];
    }
}

/// <summary>A cluster of its own for tests that stop nodes.</summary>
[CollectionDefinition(Name)]
public sealed class RecoveryCollection : ICollectionFixture<EndToEndFixture>
{
    public const string Name = "end to end, nodes leave";
}
