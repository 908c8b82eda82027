using Engagement.Common;
using Microsoft.Extensions.Logging;

namespace Engagement.Queues;

/// <summary>Matching waiting sessions to agents, offer timeouts and live positions.</summary>
internal sealed partial class QueueGrain
{
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> _tried = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Position, long EtaSeconds, bool LeaveMessageOffered)> _sentPositions = new(StringComparer.Ordinal);
    private IGrainTimer? _timer;
    private static readonly TimeSpan PositionsInterval = TimeSpan.FromMilliseconds(250);
    private Throttle? _positionsThrottle;
    /// <summary>How late, at most, a routing step is reached after its time.</summary>
    private static readonly TimeSpan StepResolution = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Offers waiting sessions, first in rank first, to the best free agent for each. Costs nothing while no agent is
    /// free, and stops when the free agents run out. Never awaits: offers go out in the background.
    /// </summary>
    private void Match()
    {
        if (S.Definition is not { } definition) return;
        var free = FreeAgents();
        if (free.Count > 0)
        {
            var now = Now;
            for (var i = 0; i < S.Waiting.Count && free.Count > 0; i++)
            {
                var waiting = S.Waiting[i];
                if (waiting.OfferedTo is not null || _moving.Contains(waiting.SessionId)) continue;
                var demand = DemandFor(waiting, now);
                var agent = RoutingRules.PickAgent(free, waiting, demand, _tried.GetValueOrDefault(waiting.SessionId), now, Routing.OfferAgainAfter);
                if (agent is null) continue;
                var expires = now + definition.OfferTimeout;
                S.Waiting[i] = waiting with { OfferedTo = agent.AgentId, OfferExpiresAt = expires };
                free.Remove(agent);
                DispatchOfferAsync(S.Waiting[i], agent.AgentId, now, expires).Ignore();
                QueueMetrics.Offers.Add(1);
            }
        }
        if (S.Waiting.Count > 0) EnsureTimer();
        ReportStats();
        ReportWaiting();
        QueueMetrics.Waiting(Id, S.Waiting.Count);
    }

    /// <summary>Agents free for an offer from this queue: available with a free slot, and not already holding one of its offers.</summary>
    private List<AgentRoutingState> FreeAgents()
    {
        var free = _roster.Values.Where(RoutingRules.IsFree).ToList();
        if (free.Count == 0) return free;
        var holding = S.Waiting.Where(w => w.OfferedTo is not null).Select(w => w.OfferedTo!).ToHashSet(StringComparer.Ordinal);
        if (holding.Count > 0) free.RemoveAll(a => holding.Contains(a.AgentId));
        return free;
    }

    private RoutingDemand DemandFor(QueuedSession waiting, DateTimeOffset now) =>
        RoutingPolicyRules.DemandAfter(S.Definition?.Routing, now - (waiting.EnteredAt ?? waiting.EnqueuedAt));

    public Task<SessionOffer[]> OffersFor(string agentId)
    {
        if (S.Definition is not { } definition) return Task.FromResult<SessionOffer[]>([]);
        var now = Now;
        return Task.FromResult(S.Waiting
            .Where(w => w.OfferedTo == agentId && w.OfferExpiresAt > now)
            .Select(w => new SessionOffer(w.SessionId, Id, w.CustomerId, w.Topic, w.OfferExpiresAt!.Value - definition.OfferTimeout, w.OfferExpiresAt.Value))
            .ToArray());
    }

    private async Task DispatchOfferAsync(QueuedSession waiting, string agentId, DateTimeOffset offeredAt, DateTimeOffset expires)
    {
        bool taken;
        try
        {
            taken = await GrainFactory.GetAgent(agentId).Offer(new SessionOffer(waiting.SessionId, Id, waiting.CustomerId, waiting.Topic, offeredAt, expires));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Offering session {SessionId} to agent {AgentId} failed", waiting.SessionId, agentId);
            taken = false;
        }
        var index = S.Waiting.FindIndex(w => w.SessionId == waiting.SessionId && w.OfferedTo == agentId && w.OfferExpiresAt == expires);
        if (taken)
        {
            // If the reservation ended meanwhile (cancelled, expired), whoever ended it already revoked the offer.
            if (index >= 0) await GrainFactory.GetSession(waiting.SessionId).Offered(agentId, expires);
            return;
        }
        // The roster was stale: the agent cannot take offers until it reports otherwise.
        if (_roster.TryGetValue(agentId, out var known)) _roster[agentId] = known with { Presence = AgentPresence.Offline };
        if (index >= 0) S.Waiting[index] = S.Waiting[index] with { OfferedTo = null, OfferExpiresAt = null };
        Match();
    }

    /// <summary>Clears the offer of a session to an agent and tells the session; the caller re-matches.</summary>
    private void EndOffer(string sessionId, string agentId, OfferEndReason reason)
    {
        var index = S.Waiting.FindIndex(w => w.SessionId == sessionId && w.OfferedTo == agentId);
        if (index < 0) return;
        var expiresAt = S.Waiting[index].OfferExpiresAt ?? default;
        S.Waiting[index] = S.Waiting[index] with { OfferedTo = null, OfferExpiresAt = null };
        QueueMetrics.OfferEnded(QueueMetrics.Outcome(reason));
        if (reason is OfferEndReason.Declined or OfferEndReason.TimedOut)
        {
            if (!_tried.TryGetValue(sessionId, out var tried)) _tried[sessionId] = tried = new(StringComparer.Ordinal);
            tried[agentId] = Now;
        }
        else if (reason == OfferEndReason.AgentOffline && _roster.TryGetValue(agentId, out var known))
        {
            _roster[agentId] = known with { Presence = AgentPresence.Offline };
        }
        GrainFactory.GetSession(sessionId).OfferEnded(agentId, expiresAt, reason).Ignore();
        RepresentativeDidNotTake(index, agentId, reason);
    }

    private void EnsureTimer()
    {
        if (_timer is not null) return;
        var period = TimeSpan.FromMilliseconds(Math.Clamp((S.Definition?.OfferTimeout.TotalMilliseconds ?? 1000) / 10, 100, 1000));
        if (S.Definition?.Routing?.Steps is { Length: > 0 } && period > StepResolution) period = StepResolution; // steps are reached on the tick
        _timer = this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = true, Interleave = true });
    }

    /// <summary>Expires offers past their deadline and retries sessions whose passed-over agents are eligible again.</summary>
    private Task OnTimerAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        foreach (var w in S.Waiting.Where(w => w.OfferedTo is not null && w.OfferExpiresAt <= now).ToList())
        {
            GrainFactory.GetAgent(w.OfferedTo!).RevokeOffer(w.SessionId, OfferEndReason.TimedOut).Ignore();
            EndOffer(w.SessionId, w.OfferedTo!, OfferEndReason.TimedOut);
        }
        CheckRepresentatives();
        StartOverflows(now);
        Match();
        NotifyPositions();
        if (S.Waiting.Count == 0)
        {
            _timer?.Dispose();
            _timer = null;
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Positions may have moved: they are sent at once, or at the end of the current <see cref="PositionsInterval"/>, so a
    /// busy queue walks its waiting list a few times a second rather than on every arrival and answer.
    /// </summary>
    private void NotifyPositions()
    {
        _positionsThrottle ??= new Throttle(PositionsInterval, SendPositions, Throttle.GrainTimer(this, interleave: true));
        _positionsThrottle.ChangedAsync().Ignore();
    }

    /// <summary>Tells each waiting session its position and estimate, when either changed.</summary>
    private Task SendPositions()
    {
        var now = Now;
        var live = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < S.Waiting.Count; i++)
        {
            var waiting = S.Waiting[i];
            live.Add(waiting.SessionId);
            var eta = RoutingRules.EstimateWait(i + 1, S.RecentAnswers);
            var key = (i + 1, (long)(eta?.TotalSeconds ?? -1) / 5, DemandFor(waiting, now).LeaveMessageOffered);
            if (_sentPositions.TryGetValue(waiting.SessionId, out var sent) && sent == key) continue;
            _sentPositions[waiting.SessionId] = key;
            GrainFactory.GetSession(waiting.SessionId).UpdateQueuePosition(PositionOf(i)).Ignore();
        }
        if (_sentPositions.Count > live.Count)
            foreach (var gone in _sentPositions.Keys.Where(k => !live.Contains(k)).ToList()) _sentPositions.Remove(gone);
        return Task.CompletedTask;
    }

    private QueuePosition PositionOf(int index) => new(
        S.Waiting[index].SessionId, Id, index + 1, S.Waiting.Count, RoutingRules.EstimateWait(index + 1, S.RecentAnswers), _versions.Next(),
        DemandFor(S.Waiting[index], Now).LeaveMessageOffered);
}
