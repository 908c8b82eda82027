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

    // ---- access (the rule is SessionAccess's) ----

    /// <summary>For the routing callbacks of the queue and agent grains, which know the session exists.</summary>
    private void EnsureExists()
    {
        if (!S.Exists) throw SessionAccess.NotFound(Id);
    }

    private bool IsVisitor(Caller c) => SessionAccess.IsVisitor(S, c);

    private bool IsAssignedAgent(Caller c) => SessionAccess.IsAssignedAgent(S, c);

    private bool CanSee(Caller c) => SessionAccess.CanSee(S, c);

    /// <summary>not_found unless the caller may see the session.</summary>
    private void EnsureVisible(Caller caller) => SessionAccess.EnsureVisible(S, caller, Id);

    /// <summary>not_found unless the caller may see the session, then forbidden unless <paramref name="allowed"/>.</summary>
    private void EnsureAllowed(Caller caller, bool allowed, string why) => SessionAccess.EnsureAllowed(S, caller, Id, allowed, why);
}
