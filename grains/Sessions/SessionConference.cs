namespace Engagement.Sessions;

/// <summary>
/// Colleagues in a session (docs/protocol.md, "Agent hub: conference"): the assigned agent invites another agent,
/// who gets an offer with <c>invitedBy</c> for the session's queue's offer timeout; accepted, they become a member
/// (<see cref="SessionMember"/>): they read, write and join the call, the session counts against their capacity,
/// and the visitor sees "Bob joined the conversation.". A member leaves when they like; when the conversation ends
/// every member is released. The assigned agent stays the owner: wrap-up, close and transfer stay theirs.
/// </summary>
internal sealed class SessionConference(SessionCore core, SessionCall call, IGrainBase grain)
{
    private readonly Dictionary<string, IGrainTimer> _expiries = new(StringComparer.Ordinal);

    private SessionState S => core.S;

    public async Task<SessionView> Invite(Caller caller, string agentId, string? note)
    {
        core.EnsureAllowed(caller, core.IsAssignedAgent(caller) || caller.IsPrivileged, "Only the assigned agent, supervisors and admins invite colleagues into this session.");
        EnsureCanInvite(agentId);
        var profile = await core.Grains.GetAgent(agentId).GetProfile() ?? throw EngagementException.NotFound($"Agent '{agentId}'");
        var timeout = (await core.Grains.GetQueue(S.QueueId).GetDefinition())?.OfferTimeout ?? QueueDefinition.DefaultOfferTimeout;
        EnsureCanInvite(agentId); // again: the grain is reentrant
        var now = core.Now;
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var invite = new PendingInvite(agentId, caller.Id, now, now + timeout, note);
        S.Invites.Add(invite);
        var offer = new SessionOffer(core.Id, S.QueueId, S.CustomerId, S.Topic, now, invite.ExpiresAt, Note: note, InvitedBy: caller.Id);
        if (!await core.Grains.GetAgent(agentId).Offer(offer))
        {
            S.Invites.Remove(invite);
            throw EngagementException.Conflict($"{profile.DisplayName} cannot join now (away, offline, at capacity or answering another offer).");
        }
        _expiries[agentId] = grain.RegisterGrainTimer(_ => DropAsync(invite, OfferEndReason.TimedOut), timeout, Timeout.InfiniteTimeSpan);
        await core.Writer.WriteAsync();
        core.PushSession();
        return core.View();
    }

    private void EnsureCanInvite(string agentId)
    {
        if (S.Status != SessionStatus.Active || S.AssignedAgentId is null) throw EngagementException.Conflict("Colleagues join an active conversation only.");
        if (agentId == S.AssignedAgentId || S.Members.Any(m => m.AgentId == agentId)) throw EngagementException.Invalid("That agent is already in the conversation.");
        if (S.Invites.Any(i => i.AgentId == agentId)) throw EngagementException.Conflict("That agent is invited already; wait for their answer or cancel the invite.");
        if (S.PendingTransfer?.ToAgentId == agentId) throw EngagementException.Conflict("The conversation is being transferred to that agent.");
        if (1 + S.Members.Count + S.Invites.Count >= Limits.SessionAgents)
            throw EngagementException.Conflict($"A conversation holds at most {Limits.SessionAgents} agents, invites included.");
    }

    public async Task<SessionView> CancelInvite(Caller caller, string agentId)
    {
        core.EnsureAllowed(caller, core.IsAssignedAgent(caller) || caller.IsPrivileged, "Only the assigned agent, supervisors and admins withdraw an invite.");
        if (S.Invites.Find(i => i.AgentId == agentId) is { } invite) await DropAsync(invite, OfferEndReason.Withdrawn);
        return core.View();
    }

    public async Task<SessionView> ClaimInvite(string agentId, string agentName)
    {
        if (S.Invites.Find(i => i.AgentId == agentId) is not { } invite || invite.ExpiresAt < core.Now || S.Status != SessionStatus.Active)
            throw EngagementException.Conflict("That offer is no longer available.");
        Forget(invite);
        var now = core.Now;
        S.Members.Add(new SessionMember(agentId, agentName, SessionMemberKind.Colleague, now, invite.InvitedBy));
        var participant = new Participant(agentId, ParticipantRole.Agent, agentName, now, null);
        S.Participants.Add(participant);
        call.AddSeat(participant);
        await core.Writer.WriteAsync();
        await core.Transcript.AppendEventAsync($"{agentName} joined the conversation.");
        core.PushSession();
        call.Push();
        return core.View();
    }

    public async Task InviteDeclined(string agentId, OfferEndReason reason)
    {
        if (S.Invites.Find(i => i.AgentId == agentId) is { } invite) await DropAsync(invite, reason, revoke: false);
    }

    public async Task<SessionView> LeaveAsMember(Caller caller)
    {
        core.EnsureAllowed(caller, core.IsMember(caller), "Only a colleague in the conversation leaves it; the assigned agent wraps up, closes or transfers.");
        var member = S.Members.Find(m => m.AgentId == caller.Id)!;
        S.Members.Remove(member);
        core.MarkLeft(member.AgentId);
        await call.RemoveSeatAsync(member.AgentId, member.DisplayName);
        await core.Writer.WriteAsync();
        await core.Transcript.AppendEventAsync($"{member.DisplayName} left the conversation.");
        core.PushSession();
        call.Push();
        await core.Grains.GetAgent(member.AgentId).SessionReleased(core.Id);
        return core.ViewFor(caller);
    }

    /// <summary>A new activation: invites under way get their deadlines back (or end now, if past).</summary>
    public void Resume()
    {
        foreach (var invite in S.Invites.ToList())
        {
            var left = invite.ExpiresAt - core.Now;
            _expiries[invite.AgentId] = grain.RegisterGrainTimer(_ => DropAsync(invite, OfferEndReason.TimedOut),
                left > TimeSpan.Zero ? left : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The conversation ended (wrap-up, close, erasure): invites are withdrawn and every member is released.</summary>
    public async Task EndedAsync()
    {
        foreach (var invite in S.Invites.ToList()) await DropAsync(invite, OfferEndReason.Withdrawn);
        if (S.Members.Count == 0) return;
        var members = S.Members.ToList();
        S.Members.Clear();
        foreach (var member in members) core.MarkLeft(member.AgentId);
        await core.Writer.WriteAsync();
        foreach (var member in members) await core.Grains.GetAgent(member.AgentId).SessionReleased(core.Id);
        core.PushSession();
    }

    /// <summary>The invite ends unanswered: the offer goes (unless the agent handed it back), the inviter sees it gone.</summary>
    private async Task DropAsync(PendingInvite invite, OfferEndReason reason, bool revoke = true)
    {
        if (!S.Invites.Contains(invite)) return;
        Forget(invite);
        await core.Writer.WriteAsync();
        if (revoke) await core.Grains.GetAgent(invite.AgentId).RevokeOffer(core.Id, reason);
        core.PushSession();
    }

    private void Forget(PendingInvite invite)
    {
        S.Invites.Remove(invite);
        if (_expiries.Remove(invite.AgentId, out var timer)) timer.Dispose();
    }
}
