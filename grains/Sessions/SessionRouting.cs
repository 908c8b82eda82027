using Engagement.Realtime;

namespace Engagement.Sessions;

/// <summary>
/// The session's way to an agent: the start (which queues it), the queue's offers and their ends, the live queue
/// position, the assignment when an agent accepts, and the customer it belongs to. The chosen representative's
/// part is <see cref="ChosenRepresentative"/>'s. Queued and answered are facts for the reports (<see cref="SessionFacts"/>).
/// </summary>
internal sealed class SessionRouting(SessionCore core, ChosenRepresentative representative, SessionFacts facts, SessionTransfer transfer, SessionSla sla)
{
    /// <summary>Offers whose end was heard, so an <c>Offered</c> overtaken by its own end is ignored.</summary>
    private readonly HashSet<(string AgentId, DateTimeOffset ExpiresAt)> _endedOffers = [];
    private QueuePosition? _lastPosition;
    private Task? _starting;

    private SessionState S => core.S;

    /// <summary>
    /// Safe to repeat: the visitor's hub derives the session id from the client's request id, so a retry after a
    /// lost answer (or a failure half-way) reaches this grain again and finishes what the first attempt began.
    /// </summary>
    public async Task<SessionView> Start(Caller visitor, StartSessionRequest request)
    {
        if (visitor.Kind != CallerKind.Visitor) throw EngagementException.Forbidden("Only visitors start sessions.");
        // A repeat must be the same request; anything else reusing the id is a conflict.
        if (S.Exists && (!core.IsVisitor(visitor) || S.QueueId != request.QueueId)) throw EngagementException.Conflict("This session already exists.");
        var starting = _starting ??= StartOnceAsync(visitor, request);
        try
        {
            await starting;
        }
        catch
        {
            if (_starting == starting) _starting = null;
            throw;
        }
        return core.ViewFor(visitor);
    }

    public async Task Offered(string agentId, DateTimeOffset expiresAt)
    {
        // One-way notifications can arrive out of order: an offer whose end was already heard is over.
        if (_endedOffers.Contains((agentId, expiresAt))) return;
        if (transfer.NoteQueueOffer(agentId))
        {
            await core.Writer.WriteAsync();
            return;
        }
        if (!S.Exists || !SessionLifecycle.CanMove(S.Status, SessionStatus.Offered)) return;
        S.Status = SessionStatus.Offered;
        S.OfferedTo = agentId;
        S.Timings = S.Timings with { FirstOfferedAt = S.Timings.FirstOfferedAt ?? core.Now };
        core.PushSession();
        await core.Writer.WriteAsync();
    }

    public async Task OfferEnded(string agentId, DateTimeOffset expiresAt, OfferEndReason reason)
    {
        _endedOffers.Add((agentId, expiresAt));
        if (transfer.NoteQueueOfferEnded(agentId))
        {
            await core.Writer.WriteAsync();
            return;
        }
        if (S.Status != SessionStatus.Offered || S.OfferedTo != agentId) return;
        S.Status = SessionStatus.Queued;
        S.OfferedTo = null;
        core.Connections.Push(ClientEvent.OfferRevoked(new OfferRevoked(core.Id, reason)), c => c.IsStaff && c.Id == agentId);
        core.PushSession();
        await core.Writer.WriteAsync();
    }

    public Task UpdateQueuePosition(QueuePosition position)
    {
        if (!SessionLifecycle.IsWaiting(S.Status) || _lastPosition?.Version > position.Version) return Task.CompletedTask;
        _lastPosition = position;
        core.Connections.Push(ClientEvent.QueuePosition(position), c => c.Kind == CallerKind.Visitor);
        return Task.CompletedTask;
    }

    /// <summary>A visitor's connection that just joined a waiting session learns its place at once.</summary>
    public void SendPositionTo(string connectionId, Caller caller)
    {
        if (_lastPosition is { } position && core.IsVisitor(caller) && SessionLifecycle.IsWaiting(S.Status))
            core.Connections.PushTo(connectionId, ClientEvent.QueuePosition(position));
    }

    public async Task<bool> MovedToQueue(string fromQueueId, string toQueueId)
    {
        if (!S.Exists || !SessionLifecycle.IsWaiting(S.Status) || S.QueueId != fromQueueId) return false;
        S.QueueId = toQueueId;
        await core.Writer.WriteAsync();
        core.PushSession();
        return true;
    }

    public async Task<SessionView> Assign(string agentId, string agentName)
    {
        core.EnsureExists();
        if (transfer.CompletesQueueTransfer) return await transfer.HandOverAsync(agentId, agentName);
        if (S.Status == SessionStatus.Active && S.AssignedAgentId == agentId) return core.View();
        SessionLifecycle.EnsureCanMove(S.Status, SessionStatus.Active);
        var now = core.Now;
        S.Status = SessionStatus.Active;
        S.AssignedAgentId = agentId;
        S.OfferedTo = null;
        S.Timings = S.Timings with { AcceptedAt = now };
        S.Participants.Add(new Participant(agentId, ParticipantRole.Agent, agentName, now, null));
        _lastPosition = null;
        await core.Writer.WriteAsync();
        facts.Changed();
        await core.Transcript.AppendEventAsync($"{agentName} joined the conversation.");
        core.PushSession();
        // One-way: the customer tells the conversation this chat is part of, which follows its assignee.
        await core.Grains.GetCustomer(S.CustomerId).SessionChanged(core.Id);
        return core.View();
    }

    public async Task ReassignCustomer(string customerId)
    {
        core.EnsureExists();
        if (S.CustomerId == customerId) return;
        S.CustomerId = customerId;
        if (!S.CustomerIds.Contains(customerId)) S.CustomerIds.Add(customerId);
        await core.Writer.WriteAsync();
        core.PushSession();
    }

    private async Task StartOnceAsync(Caller visitor, StartSessionRequest request)
    {
        var queue = core.Grains.GetQueue(request.QueueId);
        if (!S.Exists)
        {
            var definition = await queue.GetDefinition() ?? throw EngagementException.NotFound($"Queue '{request.QueueId}'");
            if (!BusinessCalendar.IsOpen(definition.Hours, core.Now))
                throw EngagementException.Conflict(BusinessCalendar.OpensAt(definition.Hours, core.Now) is { } opens
                    ? $"{definition.Name} is closed now and opens at {opens:yyyy-MM-dd HH:mm} UTC; leave a message instead (LeaveMessage)."
                    : $"{definition.Name} is closed now; leave a message instead (LeaveMessage).");
            if (request.AgentId is { } chosen) await representative.EnsureCanWaitAsync(chosen, definition.QueueId);
            var now = core.Now;
            S.Exists = true;
            S.CustomerId = visitor.Id;
            S.CustomerIds = [visitor.Id];
            S.QueueId = definition.QueueId;
            S.Topic = request.Topic;
            S.RequiredSkills = request.RequiredSkills is { Length: > 0 } skills ? skills : definition.Skills;
            S.Channel = request.Channel;
            S.PreferredAgentId = request.AgentId;
            S.Status = SessionStatus.Requested;
            S.Timings = new SessionTimings(now);
            S.Participants = [new Participant(visitor.Id, ParticipantRole.Visitor, visitor.DisplayName ?? "Visitor", now, null)];
            await core.Writer.WriteAsync();
        }
        if (S.Status != SessionStatus.Requested) return;

        var customer = core.Grains.GetCustomer(S.CustomerId);
        await customer.SessionStarted(core.Id, S.QueueId);
        var queuedAt = core.Now;
        (_lastPosition, var attributes) = await core.EnqueueAsync(S.QueueId, S.RequiredSkills, queuedAt, S.PreferredAgentId);
        if (S.Status == SessionStatus.Requested) S.Status = SessionStatus.Queued;
        S.Timings = S.Timings with { QueuedAt = queuedAt };
        await sla.QueuedAsync(queuedAt, attributes);
        await core.Writer.WriteAsync();
        facts.Changed();
        core.PushSession();
    }
}
