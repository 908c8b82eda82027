namespace Engagement.Sessions;

/// <summary>The session's side of routing: offers, assignment, queue position and customer changes.</summary>
internal sealed partial class SessionGrain
{
    private readonly HashSet<(string AgentId, DateTimeOffset ExpiresAt)> _endedOffers = [];

    public async Task Offered(string agentId, DateTimeOffset expiresAt)
    {
        // One-way notifications can arrive out of order: an offer whose end was already heard is over.
        if (_endedOffers.Contains((agentId, expiresAt))) return;
        if (!S.Exists || !SessionLifecycle.CanMove(S.Status, SessionStatus.Offered)) return;
        S.Status = SessionStatus.Offered;
        S.OfferedTo = agentId;
        S.Timings = S.Timings with { FirstOfferedAt = S.Timings.FirstOfferedAt ?? Now };
        PushSession();
        await _writer.WriteAsync();
    }

    public async Task OfferEnded(string agentId, DateTimeOffset expiresAt, OfferEndReason reason)
    {
        _endedOffers.Add((agentId, expiresAt));
        if (S.Status != SessionStatus.Offered || S.OfferedTo != agentId) return;
        S.Status = SessionStatus.Queued;
        S.OfferedTo = null;
        _connections.Push(new ClientEvent(ClientEvents.OfferRevoked, new OfferRevoked(Id, reason)), c => c.IsStaff && c.Id == agentId);
        PushSession();
        await _writer.WriteAsync();
    }

    public Task UpdateQueuePosition(QueuePosition position)
    {
        if (!SessionLifecycle.IsWaiting(S.Status) || _lastPosition?.Version > position.Version) return Task.CompletedTask;
        _lastPosition = position;
        _connections.Push(new ClientEvent(ClientEvents.QueuePosition, position), c => c.Kind == CallerKind.Visitor);
        return Task.CompletedTask;
    }

    public async Task<SessionView> Assign(string agentId, string agentName)
    {
        EnsureExists();
        if (S.Status == SessionStatus.Active && S.AssignedAgentId == agentId) return View();
        SessionLifecycle.EnsureCanMove(S.Status, SessionStatus.Active);
        var now = Now;
        S.Status = SessionStatus.Active;
        S.AssignedAgentId = agentId;
        S.OfferedTo = null;
        S.Timings = S.Timings with { AcceptedAt = now };
        S.Participants.Add(new Participant(agentId, ParticipantRole.Agent, agentName, now, null));
        _lastPosition = null;
        await _writer.WriteAsync();
        await AppendEventAsync($"{agentName} joined the conversation.");
        PushSession();
        return View();
    }

    public async Task ReassignCustomer(string customerId)
    {
        EnsureExists();
        if (S.CustomerId == customerId) return;
        S.CustomerId = customerId;
        if (!S.CustomerIds.Contains(customerId)) S.CustomerIds.Add(customerId);
        await _writer.WriteAsync();
        PushSession();
    }

    // ---- access ----

    private void EnsureExists()
    {
        if (!S.Exists) throw EngagementException.NotFound($"Session '{Id}'");
    }

    private bool IsVisitor(Caller c) => c.Kind == CallerKind.Visitor && S.CustomerIds.Contains(c.Id);

    private bool IsAssignedAgent(Caller c) => c.IsStaff && S.AssignedAgentId == c.Id;

    private bool IsOfferedAgent(Caller c) => c.IsStaff && S.OfferedTo == c.Id;

    private bool CanRead(Caller c) => IsVisitor(c) || IsAssignedAgent(c) || IsOfferedAgent(c) || c.IsPrivileged;

    /// <summary>A visitor reaches only its own sessions; an agent only what it was offered or assigned; supervisors watch all.</summary>
    private void EnsureCanRead(Caller caller)
    {
        EnsureExists();
        if (CanRead(caller)) return;
        // Same answer as a missing session: a stranger learns nothing about which ids exist.
        throw EngagementException.NotFound($"Session '{Id}'");
    }
}
