namespace Engagement.LoadTests.Routing;

/// <summary>
/// What an offer that answered a freed slot measured: from the agentStatus event that showed the slot free (null when no
/// such event came first), from the CloseSession call's start, and from its return (0 when the offer came first).
/// </summary>
internal readonly record struct FreedOffer(long? FromFreed, long FromCloseStart, long FromCloseReturn, bool BeforeReturn);

/// <summary>
/// One agent's slots as the load tool sees them, to time the offer latency the benchmark reports: the time from the
/// agent freeing capacity to the next offer reaching it. A close counts as freeing the agent only when the agent was
/// full when the CloseSession call started (every slot held by an open session or a pending offer, none already being
/// closed) and the caller says work was waiting for it; the next offer then answers it. The moment the slot was free is
/// the first agentStatus event after the close started that no longer lists the session: the server pushes it when the
/// agent's grain released the session, at the moment it tells the queues. The call's start and return are kept too;
/// an offer may come before the return, since the server frees the slot before replying. Not thread-safe (the run
/// locks per agent). Times are Stopwatch ticks.
/// </summary>
internal sealed class AgentLedger(int capacity)
{
    private int _open;     // accepted sessions not yet closed (a close in flight included)
    private int _closing;  // CloseSession calls in flight
    private bool _offerHeld;
    private (string SessionId, long Start, long? Return, long? Freed)? _freed;

    /// <summary>Frees that no offer has answered yet.</summary>
    public bool Waiting => _freed is not null;

    private bool Full => _open - _closing + (_offerHeld ? 1 : 0) >= capacity;

    /// <summary>An offer reached the agent; the latency when it answers a freed slot.</summary>
    public FreedOffer? Offer(long at)
    {
        _offerHeld = true;
        if (_freed is not { } freed) return null;
        _freed = null;
        long? fromFreed = freed.Freed is { } free ? at - free : null;
        return freed.Return is { } returned
            ? new FreedOffer(fromFreed, at - freed.Start, Math.Max(0, at - returned), false)
            : new FreedOffer(fromFreed, at - freed.Start, 0, true);
    }

    /// <summary>An agentStatus event: when it no longer lists the session being closed, the slot is free from now.</summary>
    public void Status(IReadOnlyCollection<string> activeSessions, long at)
    {
        if (_freed is { Freed: null } freed && !activeSessions.Contains(freed.SessionId)) _freed = freed with { Freed = at };
    }

    /// <summary>The accept of the held offer ended (<paramref name="accepted"/>: the session is now the agent's).</summary>
    public void AcceptEnded(bool accepted)
    {
        _offerHeld = false;
        if (accepted) _open++;
    }

    /// <summary>A CloseSession call starts; <paramref name="workWaiting"/>: a session this agent may take was waiting unoffered.</summary>
    public void CloseStarted(string sessionId, long at, bool workWaiting)
    {
        if (Full && workWaiting && _freed is null) _freed = (sessionId, at, null, null);
        _closing++;
    }

    /// <summary>The CloseSession call returned (<paramref name="closed"/>: it succeeded; a failed close frees nothing).</summary>
    public void CloseEnded(string sessionId, long at, bool closed)
    {
        _closing--;
        if (closed) _open--;
        if (_freed is { } freed && freed.SessionId == sessionId)
            _freed = closed ? freed with { Return = at } : null;
    }
}
