namespace Engagement.FunctionalTests.Cluster;

/// <summary>
/// Colleagues in a session on the two-silo cluster (docs/protocol.md, Agent hub: conference): the assigned agent
/// invites, the colleague accepts (or declines, lets it time out, or it is withdrawn), writes, joins the call as a
/// third party, leaves; the owner closing releases every member; the session holds at most four agents.
/// </summary>
[Collection(ClusterCollection.Name)]
public class ConferenceTests(ClusterFixture cluster)
{
    private static async Task<string> CodeOf(Func<Task> call) => (await Assert.ThrowsAsync<EngagementException>(call)).Code;

    /// <summary>
    /// Alice in a live chat on a queue of her own; Bob, of another queue (so no offer of that chat reaches him),
    /// connected on silo <paramref name="bobSilo"/>.
    /// </summary>
    private static async Task<(StaffMember Alice, StaffMember Bob, LiveSession Live, ISessionGrain Session)> AliceInAChatAndBobAsync(
        Scenario s, int bobSilo = 0, TimeSpan? offerTimeout = null)
    {
        var queue = await s.Queue(offerTimeout);
        var alice = await s.Agent(queue, "alice");
        var bob = await s.Agent(await s.Queue(), "bob");
        var (aliceConnection, aliceEvents) = await s.ConnectAgent(alice);
        var live = await s.ActiveAsync(queue, alice, aliceConnection, aliceEvents);
        var (bobConnection, bobEvents) = await s.ConnectAgent(bob, bobSilo);
        return (new StaffMember(alice, Caller.Agent(alice, "alice"), aliceConnection, aliceEvents),
            new StaffMember(bob, Caller.Agent(bob, "bob"), bobConnection, bobEvents), live, s.Grains.GetSession(live.SessionId));
    }

    private sealed record StaffMember(string Id, Caller Caller, ConnectionRef Connection, RecordingRouter Events)
    {
        public static implicit operator string(StaffMember member) => member.Id;
    }

    [Fact]
    public async Task An_invited_colleague_who_accepts_writes_counts_against_capacity_and_leaves()
    {
        await using var s = cluster.Scenario();
        var (alice, bob, live, session) = await AliceInAChatAndBobAsync(s, bobSilo: 1);
        var (bobConnection, bobEvents) = (bob.Connection, bob.Events);
        var (aliceCaller, bobCaller) = (alice.Caller, bob.Caller);

        Assert.Equal(ErrorCodes.NotFound, await CodeOf(() => session.Send(bobCaller, "b-0", "may I?"))); // not yet in it
        var pending = await session.Invite(aliceCaller, bob, "Knows the annual plans");
        Assert.Equal((bob, alice), (pending.Invites!.Single().AgentId, pending.Invites!.Single().InvitedBy));
        Assert.Null((await session.Get(live.Visitor)).Invites); // staff only
        var offer = await bobEvents.WaitFor<SessionOffer>(bobConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == live.SessionId);
        Assert.Equal((alice, "Knows the annual plans", (string?)null), (offer.InvitedBy, offer.Note, offer.TransferFrom));
        Assert.Equal(ErrorCodes.Forbidden, await CodeOf(() => session.Send(bobCaller, "b-0", "may I?"))); // reads, does not write yet

        var joined = await s.Grains.GetAgent(bob).Accept(live.SessionId);
        Assert.Equal((alice, SessionStatus.Active), (joined.AssignedAgentId, joined.Status)); // alice stays the owner
        Assert.Equal(bob, joined.Members!.Single().AgentId);
        Assert.Equal(SessionMemberKind.Colleague, joined.Members!.Single().Kind);
        Assert.Empty(joined.Invites!);
        await live.LineAsync("bob joined the conversation.");
        Assert.Contains(live.SessionId, (await s.Grains.GetAgent(bob).GetStatus()).ActiveSessions);
        Assert.Contains(live.SessionId, (await s.Grains.GetAgent(alice).GetStatus()).ActiveSessions);

        await session.Send(bobCaller, "b-1", "Hi, I'm Bob from billing.");
        var message = await live.VisitorEvents.WaitFor<ChatMessage>(live.VisitorConnection.ConnectionId, ClientEvents.Message, m => m.Text == "Hi, I'm Bob from billing.");
        Assert.Equal((bob, "bob", ParticipantRole.Agent), (message.SenderId, message.SenderName, message.SenderRole));
        Assert.Equal(ErrorCodes.Forbidden, await CodeOf(() => session.Close(bobCaller, "resolved"))); // the owner's
        Assert.Equal(ErrorCodes.Forbidden, await CodeOf(() => session.Invite(bobCaller, alice, null)));
        Assert.Equal(ErrorCodes.Forbidden, await CodeOf(() => session.LeaveAsMember(aliceCaller)));

        var left = await session.LeaveAsMember(bobCaller);
        Assert.Empty(left.Members!);
        await live.LineAsync("bob left the conversation.");
        await Scenario.Eventually(async () => !(await s.Grains.GetAgent(bob).GetStatus()).ActiveSessions.Contains(live.SessionId), "bob's capacity is freed");
        Assert.Equal(ErrorCodes.NotFound, await CodeOf(() => session.Send(bobCaller, "b-2", "still here?")));
        await session.Send(aliceCaller, "a-1", "Thanks Bob!");
    }

    [Fact]
    public async Task An_invite_declined_unanswered_or_withdrawn_changes_nothing()
    {
        await using var s = cluster.Scenario();
        var (alice, bob, live, session) = await AliceInAChatAndBobAsync(s, offerTimeout: QueueDefinition.MinOfferTimeout);
        var (bobConnection, bobEvents) = (bob.Connection, bob.Events);
        var aliceCaller = alice.Caller;

        await session.Invite(aliceCaller, bob, null);
        await bobEvents.WaitFor<SessionOffer>(bobConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == live.SessionId);
        await s.Grains.GetAgent(bob).Decline(live.SessionId);
        await Scenario.Eventually(async () => (await session.Get(aliceCaller)).Invites!.Length == 0, "the declined invite is gone");

        await session.Invite(aliceCaller, bob, null);
        Assert.Equal(ErrorCodes.Conflict, await CodeOf(() => session.Invite(aliceCaller, bob, null))); // invited already
        var timedOut = await bobEvents.WaitFor<OfferRevoked>(bobConnection.ConnectionId, ClientEvents.OfferRevoked,
            r => r.SessionId == live.SessionId && r.Reason == OfferEndReason.TimedOut, TimeSpan.FromSeconds(20));
        Assert.Equal(OfferEndReason.TimedOut, timedOut.Reason);
        Assert.Empty((await session.Get(aliceCaller)).Invites!);
        Assert.Equal(ErrorCodes.Conflict, await CodeOf(() => s.Grains.GetAgent(bob).Accept(live.SessionId)));

        await session.Invite(aliceCaller, bob, null);
        Assert.Empty((await session.CancelInvite(aliceCaller, bob)).Invites!);
        await bobEvents.WaitFor<OfferRevoked>(bobConnection.ConnectionId, ClientEvents.OfferRevoked, r => r.SessionId == live.SessionId && r.Reason == OfferEndReason.Withdrawn);
        Assert.Equal(ErrorCodes.Conflict, await CodeOf(() => s.Grains.GetAgent(bob).Accept(live.SessionId)));
        Assert.Empty((await session.Get(aliceCaller)).Members!);
        Assert.DoesNotContain(live.SessionId, (await s.Grains.GetAgent(bob).GetStatus()).ActiveSessions);
        Assert.Equal(ErrorCodes.NotFound, await CodeOf(() => session.Get(Caller.Agent(bob, "bob"))));

        // Away, an agent cannot be invited; nor the session's own agent, nor an unknown one.
        await s.Grains.GetAgent(bob).SetChosenStatus(AgentChosenStatus.Away);
        Assert.Equal(ErrorCodes.Conflict, await CodeOf(() => session.Invite(aliceCaller, bob, null)));
        Assert.Equal(ErrorCodes.Invalid, await CodeOf(() => session.Invite(aliceCaller, alice, null)));
        Assert.Equal(ErrorCodes.NotFound, await CodeOf(() => session.Invite(aliceCaller, "nobody-" + Guid.NewGuid().ToString("N")[..8], null)));
    }

    [Fact]
    public async Task Closing_releases_every_member_and_a_session_holds_at_most_four_agents()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var other = await s.Queue();
        var alice = await s.Agent(queue, "alice");
        var (aliceConnection, aliceEvents) = await s.ConnectAgent(alice);
        var live = await s.ActiveAsync(queue, alice, aliceConnection, aliceEvents);
        var session = s.Grains.GetSession(live.SessionId);
        var aliceCaller = Caller.Agent(alice, "alice");
        var colleagues = new List<string>();
        for (var i = 0; i < Limits.SessionAgents; i++)
        {
            var id = await s.Agent(other, $"c{i}");
            await s.ConnectAgent(id);
            colleagues.Add(id);
        }

        foreach (var colleague in colleagues.Take(Limits.SessionAgents - 1))
        {
            await session.Invite(aliceCaller, colleague, null);
            await s.Grains.GetAgent(colleague).Accept(live.SessionId);
        }
        Assert.Equal(Limits.SessionAgents - 1, (await session.Get(aliceCaller)).Members!.Length);
        Assert.Equal(ErrorCodes.Conflict, await CodeOf(() => session.Invite(aliceCaller, colleagues[^1], null)));
        Assert.Equal(Limits.SessionAgents, (await session.Get(live.Visitor)).Participants.Count(p => p.Role == ParticipantRole.Agent && p.LeftAt is null));

        var closed = await session.Close(aliceCaller, "resolved");
        Assert.Empty(closed.Members!);
        foreach (var colleague in colleagues.Take(Limits.SessionAgents - 1))
        {
            await Scenario.Eventually(async () => !(await s.Grains.GetAgent(colleague).GetStatus()).ActiveSessions.Contains(live.SessionId), "the member is released");
            Assert.Equal(ErrorCodes.NotFound, await CodeOf(() => session.Get(Caller.Agent(colleague, colleague))));
        }
    }

    [Fact]
    public async Task A_colleague_joins_the_active_call_as_a_third_party_and_it_ends_only_when_fewer_than_two_remain()
    {
        await using var s = cluster.Scenario();
        var (alice, bob, live, session) = await AliceInAChatAndBobAsync(s);
        var (aliceCaller, bobCaller) = (alice.Caller, bob.Caller);
        await session.StartCall(live.Visitor, CallMedia.Video);
        await session.AnswerCall(aliceCaller, accept: true);

        await session.Invite(aliceCaller, bob, null);
        await s.Grains.GetAgent(bob).Accept(live.SessionId);
        var seated = (await session.GetCall(bobCaller))!;
        Assert.False(seated.Participants.Single(p => p.ParticipantId == bob).Joined); // a seat, not taken yet
        var three = await session.AnswerCall(bobCaller, accept: true);
        Assert.Equal(CallStatus.Active, three.Status);
        Assert.Equal(3, three.Participants.Count(p => p.Joined));
        Assert.Contains(live.SessionId, (await s.Grains.GetAgent(bob).GetStatus()).ActiveSessions);
        await live.LineAsync("bob joined the call.");

        Assert.Equal(CallStatus.Active, (await session.HangUp(aliceCaller)).Status); // two remain
        Assert.Equal(CallStatus.Active, (await session.AnswerCall(aliceCaller, accept: true)).Status); // and she comes back
        await session.LeaveAsMember(bobCaller);
        var two = (await session.GetCall(aliceCaller))!;
        Assert.Equal(CallStatus.Active, two.Status);
        Assert.DoesNotContain(two.Participants, p => p.ParticipantId == bob);
        await live.LineAsync("bob left the call.");
        Assert.Equal(CallStatus.Ended, (await session.HangUp(live.Visitor)).Status);
        Assert.Equal(ErrorCodes.NotFound, await CodeOf(() => session.AnswerCall(bobCaller, accept: true)));
    }
}
