namespace Engagement.Sessions;

/// <summary>
/// Handing an active session over without losing the visitor: to an agent (offered to them as a transfer, for the
/// session's queue's offer timeout) or to a queue (routed again with its wait so far). The agent who transfers keeps
/// the session, the chat and any call until someone takes it; then the visitor sees one handover line, the call's
/// agent seat passes to the new agent, and the first agent's capacity is freed. Notes (the transfer's own note among
/// them), context and history are the session's and move with it.
/// </summary>
internal sealed class SessionTransfer(SessionCore core, SessionCall call, SessionFeedback feedback, IGrainBase grain)
{
    private IGrainTimer? _expiry;

    private SessionState S => core.S;

    public async Task<SessionView> Transfer(Caller caller, TransferRequest request)
    {
        core.EnsureAllowed(caller, core.IsAssignedAgent(caller) || caller.IsPrivileged, "Only the assigned agent, supervisors and admins transfer this session.");
        var from = EnsureCanStart();
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var now = core.Now;
        if (request.ToAgentId is { } toAgent)
        {
            if (toAgent == from) throw EngagementException.Invalid("The session is already with that agent.");
            if (S.Members.Any(m => m.AgentId == toAgent)) throw EngagementException.Invalid("That agent is in the conversation already; they leave it first.");
            var profile = await core.Grains.GetAgent(toAgent).GetProfile() ?? throw EngagementException.NotFound($"Agent '{toAgent}'");
            var timeout = (await core.Grains.GetQueue(S.QueueId).GetDefinition())?.OfferTimeout ?? QueueDefinition.DefaultOfferTimeout;
            if (EnsureCanStart() != from) throw EngagementException.Conflict("The session changed hands meanwhile.");
            var pending = new PendingTransfer(from, toAgent, null, now, now + timeout, note);
            S.PendingTransfer = pending;
            S.OfferedTo = toAgent; // they may read the session before they take it
            var offer = new SessionOffer(core.Id, S.QueueId, S.CustomerId, S.Topic, now, pending.ExpiresAt!.Value, from, note);
            if (!await core.Grains.GetAgent(toAgent).Offer(offer))
            {
                Clear(pending);
                throw EngagementException.Conflict($"{profile.DisplayName} cannot take a transfer now (away, offline, at capacity or answering another offer).");
            }
            _expiry?.Dispose();
            _expiry = grain.RegisterGrainTimer(_ => ExpireAsync(pending), timeout, Timeout.InfiniteTimeSpan);
        }
        else
        {
            var queueId = request.ToQueueId!;
            var definition = await core.Grains.GetQueue(queueId).GetDefinition() ?? throw EngagementException.NotFound($"Queue '{queueId}'");
            if (EnsureCanStart() != from) throw EngagementException.Conflict("The session changed hands meanwhile.");
            var pending = new PendingTransfer(from, null, queueId, now, null, note);
            S.PendingTransfer = pending;
            try
            {
                var waitingSince = S.Timings.QueuedAt ?? S.Timings.RequestedAt; // its wait so far counts
                await core.EnqueueAsync(queueId, definition.Skills, waitingSince, transferredFrom: from);
            }
            catch
            {
                Clear(pending);
                throw;
            }
        }
        await core.Writer.WriteAsync();
        // The note stays with the session's other notes, for whoever takes it and for supervisors.
        if (note is not null && S.Notes.Count < Limits.Notes) await feedback.AddNote(caller, note);
        core.PushSession();
        return core.View();
    }

    /// <summary>Checked again after each await (the grain is reentrant): active, with an agent, no transfer under way.</summary>
    private string EnsureCanStart()
    {
        if (S.Status != SessionStatus.Active || S.AssignedAgentId is not { } from) throw EngagementException.Conflict("Only an active conversation can be transferred.");
        if (S.PendingTransfer is not null) throw EngagementException.Conflict("A transfer is already under way; cancel it first.");
        return from;
    }

    public async Task<SessionView> CancelTransfer(Caller caller)
    {
        core.EnsureAllowed(caller, core.IsAssignedAgent(caller) || caller.IsPrivileged, "Only the assigned agent, supervisors and admins call a transfer back.");
        if (S.PendingTransfer is not { } pending) return core.View();
        await DropAsync(pending, OfferEndReason.Withdrawn);
        return core.View();
    }

    /// <summary>A queue's offer to <paramref name="agentId"/> during a transfer to it: the agent may read the session meanwhile.</summary>
    public bool NoteQueueOffer(string agentId)
    {
        if (S.PendingTransfer is not { ToQueueId: not null }) return false;
        S.OfferedTo = agentId;
        return true;
    }

    /// <summary>A queue's offer to <paramref name="agentId"/> during a transfer to it ended untaken: they no longer see the session.</summary>
    public bool NoteQueueOfferEnded(string agentId)
    {
        if (S.PendingTransfer is not { ToQueueId: not null } || S.OfferedTo != agentId) return false;
        S.OfferedTo = null;
        return true;
    }

    /// <summary>A new activation: a transfer to an agent that was under way gets its deadline back (or ends now, if past).</summary>
    public void Resume()
    {
        if (S.PendingTransfer is not { ExpiresAt: { } expiresAt } pending) return;
        var left = expiresAt - core.Now;
        _expiry = grain.RegisterGrainTimer(_ => ExpireAsync(pending), left > TimeSpan.Zero ? left : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Whether an assignment now completes a transfer to a queue (its agent accepted the queue's offer).</summary>
    public bool CompletesQueueTransfer => S.Status == SessionStatus.Active && S.PendingTransfer is { ToQueueId: not null };

    public async Task<SessionView> ClaimTransfer(string agentId, string agentName)
    {
        if (S.PendingTransfer is not { ToAgentId: not null } pending || pending.ToAgentId != agentId || pending.ExpiresAt < core.Now)
            throw EngagementException.Conflict("That offer is no longer available.");
        return await HandOverAsync(agentId, agentName);
    }

    public async Task TransferDeclined(string agentId, OfferEndReason reason)
    {
        if (S.PendingTransfer is { } pending && pending.ToAgentId == agentId) await DropAsync(pending, reason, revoke: false);
    }

    /// <summary>The session passes to <paramref name="agentId"/>: participants, the call's agent seat, capacity, one line for everyone.</summary>
    public async Task<SessionView> HandOverAsync(string agentId, string agentName)
    {
        var pending = S.PendingTransfer!;
        var from = S.Participants.LastOrDefault(p => p.Id == pending.FromAgentId);
        var now = core.Now;
        Clear(pending);
        if (agentId == pending.FromAgentId) // the queue offered it back to the agent who transferred it, who took it
        {
            await core.Writer.WriteAsync();
            core.PushSession();
            return core.View();
        }
        if (pending.ToQueueId is { } queueId) S.QueueId = queueId;
        S.AssignedAgentId = agentId;
        core.MarkLeft(pending.FromAgentId);
        var to = new Participant(agentId, ParticipantRole.Agent, agentName, now, null);
        S.Participants.Add(to);
        var callGoesOn = call.HandOver(pending.FromAgentId, to);
        await core.Writer.WriteAsync();
        await core.Transcript.AppendEventAsync($"{from?.DisplayName ?? "The agent"} handed the conversation over to {agentName}.");
        core.PushSession();
        if (callGoesOn)
        {
            call.Push();
            core.Grains.GetAgent(agentId).TakeCallSlot(core.Id).Ignore(); // not awaited: the new agent is waiting on this call
        }
        await core.Grains.GetAgent(pending.FromAgentId).SessionReleased(core.Id);
        await core.Grains.GetCustomer(S.CustomerId).SessionChanged(core.Id);
        return core.View();
    }

    /// <summary>The conversation ended with a transfer under way: the offer or the queue entry goes.</summary>
    public Task EndedAsync() => S.PendingTransfer is { } pending ? DropAsync(pending, OfferEndReason.Withdrawn) : Task.CompletedTask;

    private async Task ExpireAsync(PendingTransfer pending)
    {
        if (S.PendingTransfer != pending) return;
        await DropAsync(pending, OfferEndReason.TimedOut);
    }

    /// <summary>The transfer ends without a new agent: the session stays with the one who transferred it, who is told.</summary>
    private async Task DropAsync(PendingTransfer pending, OfferEndReason reason, bool revoke = true)
    {
        Clear(pending);
        await core.Writer.WriteAsync();
        if (pending.ToAgentId is { } toAgent && revoke) await core.Grains.GetAgent(toAgent).RevokeOffer(core.Id, reason);
        if (pending.ToQueueId is { } queueId) await core.Grains.GetQueue(queueId).Cancel(core.Id, abandoned: false);
        core.PushSession(); // the agent who transferred sees the transfer gone
    }

    private void Clear(PendingTransfer pending)
    {
        if (S.PendingTransfer != pending) return;
        S.PendingTransfer = null;
        S.OfferedTo = null;
        _expiry?.Dispose();
        _expiry = null;
    }
}
