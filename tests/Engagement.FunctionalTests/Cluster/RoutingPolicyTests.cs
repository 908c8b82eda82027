namespace Engagement.FunctionalTests.Cluster;

/// <summary>
/// Routing that bends, on a two-silo cluster: skill levels relaxed by steps, VIP priority, aging, overflow to another
/// queue and the offer to leave a message. Steps are a second or two long so the tests run in real time.
/// </summary>
[Collection(ClusterCollection.Name)]
public class RoutingPolicyTests(ClusterFixture cluster)
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private static async Task<string> QueueWith(Scenario s, RoutingPolicy routing, string[]? skills = null)
    {
        var id = await s.Queue(skills: skills);
        var definition = (await s.Grains.GetQueue(id).GetDefinition())!;
        await s.Grains.GetQueue(id).Configure(definition with { Routing = routing });
        return id;
    }

    private static async Task<string> AgentWithLevels(Scenario s, string queueId, string name, string[] skills, Dictionary<string, int>? levels = null, int capacity = 2)
    {
        var id = await s.Agent(queueId, name, skills, capacity);
        var profile = (await s.Grains.GetAgent(id).GetProfile())!;
        await s.Grains.GetAgent(id).Configure(profile with { SkillLevels = levels });
        return id;
    }

    private static async Task<string> StartAsync(Scenario s, string queueId, Dictionary<string, string>? attributes = null)
    {
        var visitorId = Scenario.NewVisitorId();
        if (attributes is not null) await s.Grains.GetCustomer(visitorId).SetAttributes(attributes);
        var sessionId = Scenario.NewSessionId();
        await s.Grains.GetSession(sessionId).Start(Scenario.Visitor(visitorId), new StartSessionRequest(queueId));
        return sessionId;
    }

    [Fact]
    public async Task Steps_lower_the_skill_level_then_take_any_agent_of_the_queue()
    {
        await using var s = cluster.Scenario();
        var queue = await QueueWith(s, new RoutingPolicy(SkillLevel: 3, Steps:
            [new RoutingStep(OneSecond, SkillLevel: 2), new RoutingStep(2 * OneSecond, AnyAgent: true)]));
        var junior = await AgentWithLevels(s, queue, "junior", ["support"]);                        // level 1
        var mid = await AgentWithLevels(s, queue, "mid", ["support"], new() { ["support"] = 2 });
        var (juniorConnection, juniorEvents) = await s.ConnectAgent(junior);
        var (midConnection, midEvents) = await s.ConnectAgent(mid);

        var sessionId = await StartAsync(s, queue);
        var toMid = await midEvents.WaitFor<SessionOffer>(midConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
        var enqueuedAt = (await s.Grains.GetQueue(queue).GetSnapshot()).Waiting.Single(w => w.SessionId == sessionId).EnqueuedAt;
        Assert.True(toMid.OfferedAt - enqueuedAt >= OneSecond, "no one below level 3 is offered the session before the first step");
        Assert.DoesNotContain(juniorEvents.EventsFor(juniorConnection.ConnectionId), e => e.Name == ClientEvents.Offer);

        await s.Grains.GetAgent(mid).Decline(sessionId);
        var toJunior = await juniorEvents.WaitFor<SessionOffer>(juniorConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
        Assert.True(toJunior.OfferedAt - enqueuedAt >= 2 * OneSecond, "a level-1 agent is offered it only once any agent will do");
        Assert.Equal(SessionStatus.Active, (await s.Grains.GetAgent(junior).Accept(sessionId)).Status);
    }

    [Fact]
    public async Task A_vip_contact_goes_before_those_who_came_earlier()
    {
        await using var s = cluster.Scenario();
        var queue = await QueueWith(s, new RoutingPolicy(Priority: 5, PriorityRules: [new PriorityRule("plan", "enterprise", 50)]));
        var first = await StartAsync(s, queue);
        var second = await StartAsync(s, queue);
        var vip = await StartAsync(s, queue, new() { ["plan"] = "Enterprise" });

        var waiting = (await s.Grains.GetQueue(queue).GetSnapshot()).Waiting;
        Assert.Equal([vip, first, second], waiting.Select(w => w.SessionId));
        Assert.Equal([55, 5, 5], waiting.Select(w => w.Priority));

        var alice = await s.Agent(queue, "alice", capacity: 1);
        var (connection, events) = await s.ConnectAgent(alice);
        Assert.Equal(vip, (await events.WaitFor<SessionOffer>(connection.ConnectionId, ClientEvents.Offer)).SessionId);
    }

    [Fact]
    public async Task Aging_lets_a_long_wait_overtake_a_small_boost()
    {
        await using var s = cluster.Scenario();
        // 100 points a minute: three seconds of waiting are worth 5, more than a boost of 2.
        var queue = await QueueWith(s, new RoutingPolicy(AgingPerMinute: Limits.AgingPerMinute, PriorityRules: [new PriorityRule("plan", "pro", 2)]));
        var early = await StartAsync(s, queue);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var boosted = await StartAsync(s, queue, new() { ["plan"] = "pro" });
        Assert.Equal([early, boosted], (await s.Grains.GetQueue(queue).GetSnapshot()).Waiting.Select(w => w.SessionId));
    }

    [Fact]
    public async Task A_session_overflows_to_another_queue_with_its_wait_and_priority()
    {
        await using var s = cluster.Scenario();
        var overflow = await s.Queue();
        var queue = await QueueWith(s, new RoutingPolicy(Priority: 7, Steps: [new RoutingStep(OneSecond, OverflowTo: overflow)]));
        var visitor = Scenario.Visitor(Scenario.NewVisitorId());
        var sessionId = Scenario.NewSessionId();
        await s.Grains.GetSession(sessionId).Start(visitor, new StartSessionRequest(queue));
        var before = (await s.Grains.GetQueue(queue).GetSnapshot()).Waiting.Single();

        await Scenario.Eventually(async () => (await s.Grains.GetQueue(overflow).GetSnapshot()).Waiting.Any(w => w.SessionId == sessionId), "the session waits in the overflow queue");
        var moved = (await s.Grains.GetQueue(overflow).GetSnapshot()).Waiting.Single();
        Assert.Equal(before.EnqueuedAt, moved.EnqueuedAt);
        Assert.Equal(7, moved.Priority);
        Assert.True(moved.EnteredAt > before.EnteredAt);
        await Scenario.Eventually(async () => (await s.Grains.GetQueue(queue).GetSnapshot()).Waiting.Length == 0, "it left the first queue");
        Assert.Equal(overflow, (await s.Grains.GetSession(sessionId).Get(visitor)).QueueId);

        var bob = await s.Agent(overflow, "bob");
        var (connection, events) = await s.ConnectAgent(bob);
        await events.WaitFor<SessionOffer>(connection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId && o.QueueId == overflow);
        Assert.Equal(overflow, (await s.Grains.GetAgent(bob).Accept(sessionId)).QueueId);
    }

    [Fact]
    public async Task The_visitor_is_offered_to_leave_a_message_after_the_step()
    {
        await using var s = cluster.Scenario();
        var queue = await QueueWith(s, new RoutingPolicy(Steps: [new RoutingStep(OneSecond, OfferLeaveMessage: true)]));
        var visitorId = Scenario.NewVisitorId();
        var sessionId = Scenario.NewSessionId();
        var visitor = Scenario.Visitor(visitorId);
        await s.Grains.GetSession(sessionId).Start(visitor, new StartSessionRequest(queue));
        var (connection, events) = s.Connection(1, HubKind.Visitor);
        await s.Grains.GetSession(sessionId).Join(visitor, connection, 0);

        var offered = await events.WaitFor<QueuePosition>(connection.ConnectionId, ClientEvents.QueuePosition, p => p.LeaveMessageOffered);
        Assert.Equal(1, offered.Position);
    }

    [Fact]
    public async Task An_agent_picks_a_waiting_session_from_the_list_and_the_offer_to_another_is_withdrawn()
    {
        await using var s = cluster.Scenario();
        var queue = await QueueWith(s, new RoutingPolicy(CherryPick: true));
        var alice = await s.Agent(queue, "alice"); // idle longest: offered first
        var bob = await s.Agent(queue, "bob");
        var (aliceConnection, aliceEvents) = await s.ConnectAgent(alice);
        var sessionId = await StartAsync(s, queue);
        await aliceEvents.WaitFor<SessionOffer>(aliceConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);

        var list = await s.Grains.GetQueue(queue).GetWaitingList();
        Assert.True(list.CherryPick);
        Assert.Equal(1, list.Total);
        Assert.Equal(alice, list.Waiting.Single().OfferedTo);

        var picked = await s.Grains.GetAgent(bob).Pick(queue, sessionId);
        Assert.Equal((SessionStatus.Active, bob), (picked.Status, picked.AssignedAgentId));
        var revoked = await aliceEvents.WaitFor<OfferRevoked>(aliceConnection.ConnectionId, ClientEvents.OfferRevoked, r => r.SessionId == sessionId);
        Assert.Equal(OfferEndReason.Withdrawn, revoked.Reason);
        Assert.Equal(0, (await s.Grains.GetQueue(queue).GetWaitingList()).Total);
        var late = await Assert.ThrowsAsync<EngagementException>(() => s.Grains.GetAgent(alice).Accept(sessionId));
        Assert.Equal(ErrorCodes.Conflict, late.Code);
        Assert.Contains(sessionId, (await s.Grains.GetAgent(bob).GetStatus()).ActiveSessions);
    }

    [Fact]
    public async Task Picking_is_refused_where_the_queue_does_not_allow_it_or_the_agent_lacks_the_level()
    {
        await using var s = cluster.Scenario();
        var plain = await s.Queue();
        var levelled = await QueueWith(s, new RoutingPolicy(CherryPick: true, SkillLevel: 2));
        var carol = await s.Agent(plain, "carol");
        var profile = (await s.Grains.GetAgent(carol).GetProfile())!;
        await s.Grains.GetAgent(carol).Configure(profile with { Queues = [plain, levelled] });
        var first = await StartAsync(s, plain);
        var second = await StartAsync(s, levelled);

        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<EngagementException>(() => s.Grains.GetAgent(carol).Pick(plain, first))).Code);
        Assert.Equal(ErrorCodes.Conflict, (await Assert.ThrowsAsync<EngagementException>(() => s.Grains.GetAgent(carol).Pick(levelled, second))).Code);
        var outsider = await s.Agent(plain, "dave");
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<EngagementException>(() => s.Grains.GetAgent(outsider).Pick(levelled, second))).Code);
        Assert.Equal(2, (await s.Grains.GetQueue(plain).GetWaitingList()).Total + (await s.Grains.GetQueue(levelled).GetWaitingList()).Total);
    }

    [Fact]
    public async Task A_call_takes_the_agents_call_slot_and_blocks_new_chats_until_it_ends()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice", capacity: 3);
        var profile = (await s.Grains.GetAgent(alice).GetProfile())!;
        await s.Grains.GetAgent(alice).Configure(profile with { CallCapacity = 1, CallBlocksChats = true });
        var (connection, events) = await s.ConnectAgent(alice);
        var agent = Caller.Agent(alice, "alice");

        async Task<string> AcceptedAsync()
        {
            var id = await StartAsync(s, queue);
            await events.WaitFor<SessionOffer>(connection.ConnectionId, ClientEvents.Offer, o => o.SessionId == id);
            await s.Grains.GetAgent(alice).Accept(id);
            return id;
        }
        var first = await AcceptedAsync();
        var second = await AcceptedAsync();

        await s.Grains.GetSession(first).StartCall(agent, CallMedia.Audio);
        var refused = await Assert.ThrowsAsync<EngagementException>(() => s.Grains.GetSession(second).StartCall(agent, CallMedia.Audio));
        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        Assert.Equal(AgentPresence.Busy, (await s.Grains.GetAgent(alice).GetStatus()).Presence);

        var third = await StartAsync(s, queue);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Null((await s.Grains.GetQueue(queue).GetSnapshot()).Waiting.Single(w => w.SessionId == third).OfferedTo);

        await s.Grains.GetSession(first).HangUp(agent);
        await events.WaitFor<SessionOffer>(connection.ConnectionId, ClientEvents.Offer, o => o.SessionId == third);
        await s.Grains.GetSession(second).StartCall(agent, CallMedia.Audio); // the slot is free again
    }
}
