namespace Engagement.FunctionalTests.Cluster;

/// <summary>
/// Handing a session over on the two-silo cluster: to an agent, who accepts first (or declines, or lets it time out,
/// and the first agent keeps it), and to a queue, where it is routed again with its wait; a live call goes along.
/// </summary>
[Collection(ClusterCollection.Name)]
public class TransferTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_transfer_to_an_agent_who_accepts_hands_over_the_chat_the_call_and_the_note()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice");
        var bob = await s.Agent(queue, "bob");
        var (aliceConnection, aliceEvents) = await s.ConnectAgent(alice);
        var live = await s.ActiveAsync(queue, alice, aliceConnection, aliceEvents);
        var (bobConnection, bobEvents) = await s.ConnectAgent(bob, siloIndex: 1);
        var session = s.Grains.GetSession(live.SessionId);
        var aliceCaller = Caller.Agent(alice, "alice");
        await session.StartCall(aliceCaller, CallMedia.Video);
        await session.AnswerCall(live.Visitor, accept: true);

        var pending = await session.Transfer(aliceCaller, new TransferRequest(bob, null, "Wants the annual plan"));
        Assert.Equal((alice, bob), (pending.Transfer!.FromAgentId, pending.Transfer.ToAgentId));
        Assert.Null((await session.Get(live.Visitor)).Transfer); // staff only
        var offer = await bobEvents.WaitFor<SessionOffer>(bobConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == live.SessionId);
        Assert.Equal((alice, "Wants the annual plan"), (offer.TransferFrom, offer.Note));
        Assert.Equal(alice, (await session.Get(aliceCaller)).AssignedAgentId); // alice keeps it until bob takes it

        var taken = await s.Grains.GetAgent(bob).Accept(live.SessionId);
        Assert.Equal((SessionStatus.Active, bob), (taken.Status, taken.AssignedAgentId));
        Assert.Null(taken.Transfer);
        var line = await live.VisitorEvents.WaitFor<ChatMessage>(live.VisitorConnection.ConnectionId, ClientEvents.Message, m => m.Text.Contains("handed the conversation over to bob"));
        Assert.Equal(MessageKind.Event, line.Kind);
        await live.VisitorEvents.WaitFor<SessionView>(live.VisitorConnection.ConnectionId, ClientEvents.Session, v => v.AssignedAgentId == bob);
        await Scenario.Eventually(async () => !(await s.Grains.GetAgent(alice).GetStatus()).ActiveSessions.Contains(live.SessionId), "alice's capacity is freed");
        Assert.Contains(live.SessionId, (await s.Grains.GetAgent(bob).GetStatus()).ActiveSessions);
        Assert.Contains(await session.GetNotes(Caller.Agent(bob, "bob")), n => n.Text == "Wants the annual plan");

        var call = (await session.GetCall(live.Visitor))!;
        Assert.Equal(CallStatus.Active, call.Status);
        Assert.Equal([bob, live.Visitor.Id], call.Participants.Select(p => p.ParticipantId).Order());
        await session.Send(Caller.Agent(bob, "bob"), "b-1", "Hi, I'll take it from here."); // bob may write now
        await Assert.ThrowsAsync<EngagementException>(() => session.Send(aliceCaller, "a-9", "still me?"));
    }

    [Fact]
    public async Task A_declined_or_unanswered_transfer_leaves_the_session_with_the_first_agent()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue(offerTimeout: QueueDefinition.MinOfferTimeout);
        var alice = await s.Agent(queue, "alice");
        var bob = await s.Agent(queue, "bob");
        var (aliceConnection, aliceEvents) = await s.ConnectAgent(alice);
        var live = await s.ActiveAsync(queue, alice, aliceConnection, aliceEvents);
        var (bobConnection, bobEvents) = await s.ConnectAgent(bob);
        var session = s.Grains.GetSession(live.SessionId);
        var aliceCaller = Caller.Agent(alice, "alice");

        await session.Transfer(aliceCaller, new TransferRequest(bob, null));
        await bobEvents.WaitFor<SessionOffer>(bobConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == live.SessionId);
        await s.Grains.GetAgent(bob).Decline(live.SessionId);
        await Scenario.Eventually(async () => (await session.Get(aliceCaller)).Transfer is null, "the declined transfer is gone");
        Assert.Equal(alice, (await session.Get(aliceCaller)).AssignedAgentId);

        await session.Transfer(aliceCaller, new TransferRequest(bob, null));
        var revoked = await bobEvents.WaitFor<OfferRevoked>(bobConnection.ConnectionId, ClientEvents.OfferRevoked,
            r => r.SessionId == live.SessionId && r.Reason == OfferEndReason.TimedOut, TimeSpan.FromSeconds(20));
        Assert.Equal(OfferEndReason.TimedOut, revoked.Reason);
        Assert.Null((await session.Get(aliceCaller)).Transfer);
        Assert.Equal(ErrorCodes.Conflict, (await Assert.ThrowsAsync<EngagementException>(() => s.Grains.GetAgent(bob).Accept(live.SessionId))).Code);
        Assert.Contains(live.SessionId, (await s.Grains.GetAgent(alice).GetStatus()).ActiveSessions);
    }

    [Fact]
    public async Task A_transfer_to_a_queue_is_routed_again_with_its_wait_so_far()
    {
        await using var s = cluster.Scenario();
        var sales = await s.Queue();
        var billing = await s.Queue(skills: ["billing"]);
        var alice = await s.Agent(sales, "alice");
        var (aliceConnection, aliceEvents) = await s.ConnectAgent(alice);
        var live = await s.ActiveAsync(sales, alice, aliceConnection, aliceEvents);
        var session = s.Grains.GetSession(live.SessionId);
        var aliceCaller = Caller.Agent(alice, "alice");
        var queuedAt = (await session.Get(aliceCaller)).Timings.QueuedAt;

        var pending = await session.Transfer(aliceCaller, new TransferRequest(null, billing, "Invoice question"));
        Assert.Equal(billing, pending.Transfer!.ToQueueId);
        var waiting = (await s.Grains.GetQueue(billing).GetSnapshot()).Waiting.Single();
        Assert.Equal((live.SessionId, queuedAt), (waiting.SessionId, (DateTimeOffset?)waiting.EnqueuedAt));
        Assert.Equal(["billing"], waiting.RequiredSkills);

        var carol = await s.Agent(billing, "carol", skills: ["billing"]);
        var (carolConnection, carolEvents) = await s.ConnectAgent(carol);
        await carolEvents.WaitFor<SessionOffer>(carolConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == live.SessionId);
        Assert.Equal(alice, (await session.Get(aliceCaller)).AssignedAgentId);
        var taken = await s.Grains.GetAgent(carol).Accept(live.SessionId);
        Assert.Equal((carol, billing), (taken.AssignedAgentId, taken.QueueId));
        await live.VisitorEvents.WaitFor<ChatMessage>(live.VisitorConnection.ConnectionId, ClientEvents.Message, m => m.Text.Contains("handed the conversation over to carol"));
        await Scenario.Eventually(async () => !(await s.Grains.GetAgent(alice).GetStatus()).ActiveSessions.Contains(live.SessionId), "alice's capacity is freed");
    }

    [Fact]
    public async Task A_transfer_to_a_queue_goes_to_the_other_agents_before_the_one_who_made_it()
    {
        await using var s = cluster.Scenario();
        var sales = await s.Queue();
        var billing = await s.Queue();
        var alice = await s.Agent(sales, "alice", capacity: 3);
        await s.Grains.GetAgent(alice).Configure(new AgentProfile(alice, "alice", $"{alice}@example.com", StaffRole.Agent, ["support"], 3, [sales, billing]));
        var (aliceConnection, aliceEvents) = await s.ConnectAgent(alice);
        var live = await s.ActiveAsync(sales, alice, aliceConnection, aliceEvents);
        var session = s.Grains.GetSession(live.SessionId);
        var aliceCaller = Caller.Agent(alice, "alice");

        // Alice serves billing and has room, yet the queue does not hand her own transfer back to her.
        await session.Transfer(aliceCaller, new TransferRequest(null, billing));
        Assert.Null((await s.Grains.GetQueue(billing).GetSnapshot()).Waiting.Single().OfferedTo);

        var bob = await s.Agent(billing, "bob");
        var (bobConnection, bobEvents) = await s.ConnectAgent(bob);
        await bobEvents.WaitFor<SessionOffer>(bobConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == live.SessionId);
        await s.Grains.GetAgent(bob).Decline(live.SessionId);
        // Bob declined: as after any decline, neither of them is offered it again at once.
        Assert.Null((await s.Grains.GetQueue(billing).GetSnapshot()).Waiting.Single().OfferedTo);
        Assert.Equal(alice, (await session.Get(aliceCaller)).AssignedAgentId);
    }

    [Fact]
    public async Task A_transfer_can_be_called_back_and_ends_with_the_conversation()
    {
        await using var s = cluster.Scenario();
        var sales = await s.Queue();
        var billing = await s.Queue();
        var alice = await s.Agent(sales, "alice");
        var (aliceConnection, aliceEvents) = await s.ConnectAgent(alice);
        var live = await s.ActiveAsync(sales, alice, aliceConnection, aliceEvents);
        var session = s.Grains.GetSession(live.SessionId);
        var aliceCaller = Caller.Agent(alice, "alice");

        await session.Transfer(aliceCaller, new TransferRequest(null, billing));
        Assert.Equal(ErrorCodes.Conflict, (await Assert.ThrowsAsync<EngagementException>(() => session.Transfer(aliceCaller, new TransferRequest(null, billing)))).Code);
        Assert.Null((await session.CancelTransfer(aliceCaller)).Transfer);
        Assert.Empty((await s.Grains.GetQueue(billing).GetSnapshot()).Waiting);
        Assert.Equal(0, (await s.Grains.GetQueue(billing).GetSnapshot()).Abandoned);

        await session.Transfer(aliceCaller, new TransferRequest(null, billing));
        await session.Leave(live.Visitor);
        await Scenario.Eventually(async () => (await s.Grains.GetQueue(billing).GetSnapshot()).Waiting.Length == 0, "the queue let it go");
        var stranger = Caller.Agent(await s.Agent(sales, "dave"), "dave");
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<EngagementException>(() => session.Transfer(stranger, new TransferRequest(null, billing)))).Code);
    }
}
