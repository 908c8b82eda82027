namespace Engagement.LoadTests.Routing;

/// <summary>What an offer that answered a freed slot measured: from the CloseSession call's start and from its return (0 when it came first).</summary>
internal readonly record struct FreedOffer(long FromCloseStart, long FromCloseReturn, bool BeforeReturn);

/// <summary>
/// One agent's slots as the load tool sees them, to time the offer latency the benchmark reports: the time from the
/// agent freeing capacity to the next offer reaching it. A close counts as freeing the agent only when the agent was
/// full when the CloseSession call started (every slot held by an open session or a pending offer, none already being
/// closed) and the caller says work was waiting for it; the next offer then answers it. An offer that arrives while
/// the close is still in flight answers it too: the server freed the slot before replying. Not thread-safe (the run
/// locks per agent). Times are Stopwatch ticks.
/// </summary>
internal sealed class AgentLedger(int capacity)
{
    private int _open;     // accepted sessions not yet closed (a close in flight included)
    private int _closing;  // CloseSession calls in flight
    private bool _offerHeld;
    private (string SessionId, long Start, long? Return)? _freed;

    /// <summary>Frees that no offer has answered yet.</summary>
    public bool Waiting => _freed is not null;

    private bool Full => _open - _closing + (_offerHeld ? 1 : 0) >= capacity;

    /// <summary>An offer reached the agent; the latency when it answers a freed slot.</summary>
    public FreedOffer? Offer(long at)
    {
        _offerHeld = true;
        if (_freed is not { } freed) return null;
        _freed = null;
        return freed.Return is { } returned
            ? new FreedOffer(at - freed.Start, Math.Max(0, at - returned), false)
            : new FreedOffer(at - freed.Start, 0, true);
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
        if (Full && workWaiting && _freed is null) _freed = (sessionId, at, null);
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
