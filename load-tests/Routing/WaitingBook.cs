namespace Engagement.LoadTests.Routing;

/// <summary>
/// The sessions waiting without an offer, as the load tool sees them: started (StartSession answered), no offer seen
/// for them yet, or their offer ended (revoked, or the accept failed) before an accept succeeded. Kept per queue in
/// order of start, because the oldest waiting session is the one a queue's relaxation steps have relaxed the most, so
/// asking whether an agent could take any of a queue's sessions is asking about its oldest. Not thread-safe: the run
/// holds a lock around it. Times are Stopwatch ticks.
/// </summary>
internal sealed class WaitingBook
{
    private readonly Dictionary<string, SortedSet<(long StartedAt, string SessionId)>> _unoffered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string QueueId, long StartedAt)> _started = new(StringComparer.Ordinal);
    private readonly HashSet<string> _offered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _accepted = new(StringComparer.Ordinal);

    private int _waiting;

    /// <summary>Sessions started (as the tool saw it) and not accepted yet, offered or not.</summary>
    public int Waiting => _waiting;

    /// <summary>Sessions waiting with no offer out, as far as the tool knows.</summary>
    public int Unoffered => _unoffered.Values.Sum(s => s.Count);

    /// <summary>StartSession answered with <paramref name="sessionId"/> (its offer may have been seen already: offers and answers race).</summary>
    public void Started(string queueId, string sessionId, long startedAt)
    {
        if (!_started.TryAdd(sessionId, (queueId, startedAt)) || _accepted.Contains(sessionId)) return;
        _waiting++;
        if (!_offered.Contains(sessionId)) Set(queueId).Add((startedAt, sessionId));
    }

    /// <summary>An offer for the session reached an agent.</summary>
    public void Offered(string sessionId)
    {
        _offered.Add(sessionId);
        if (_started.TryGetValue(sessionId, out var s)) Set(s.QueueId).Remove((s.StartedAt, sessionId));
    }

    /// <summary>The offer ended without an accept (revoked, or AcceptOffer failed): the queue will offer it again.</summary>
    public void OfferEnded(string sessionId)
    {
        _offered.Remove(sessionId);
        if (_accepted.Contains(sessionId) || !_started.TryGetValue(sessionId, out var s)) return;
        Set(s.QueueId).Add((s.StartedAt, sessionId));
    }

    /// <summary>
    /// An agent's AcceptOffer succeeded. It may be a session whose StartSession failed on the tool's side: the server can
    /// create a session and still answer the call with an error (a timeout), as a widget's repeat would then find.
    /// </summary>
    public void Accepted(string sessionId)
    {
        if (!_accepted.Add(sessionId)) return;
        _offered.Remove(sessionId);
        if (!_started.TryGetValue(sessionId, out var s)) return;
        _waiting--;
        Set(s.QueueId).Remove((s.StartedAt, sessionId));
    }

    /// <summary>True when some queue of <paramref name="agent"/> has an unoffered session the agent may take at <paramref name="now"/>.</summary>
    public bool HasWorkFor(AgentPlan agent, RoutingScenario scenario, long now)
    {
        foreach (var queueId in agent.Queues)
        {
            if (!_unoffered.TryGetValue(queueId, out var set) || set.Count == 0) continue;
            if (RoutingScenario.CanServe(agent, scenario.Queue(queueId), now - set.Min.StartedAt)) return true;
        }
        return false;
    }

    private SortedSet<(long, string)> Set(string queueId)
    {
        if (!_unoffered.TryGetValue(queueId, out var set)) _unoffered[queueId] = set = [];
        return set;
    }
}
