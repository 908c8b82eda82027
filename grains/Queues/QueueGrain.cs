using Engagement.Common;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Engagement.Queues;

/// <summary>
/// A queue of waiting sessions and the agents serving it. Reentrant: an agent's accept (ClaimOffer) can
/// arrive while the queue is offering to that agent. State is checked and changed before any await;
/// writes go through one <see cref="SnapshotWriter{TState}"/>. Matching and offers live in QueueGrain.Matching.cs.
/// </summary>
[Reentrant, GrainType("queue")]
internal sealed partial class QueueGrain(
    [PersistentState("queue", "store")] IPersistentState<QueueState> state,
    DeepCopier<QueueState> copier,
    TimeProvider clock,
    ILogger<QueueGrain> logger) : Grain, IQueueGrain
{
    private readonly Dictionary<string, AgentRoutingState> _roster = new(StringComparer.Ordinal);
    private readonly VersionClock _versions = new(clock);
    private readonly SnapshotWriter<QueueState> _writer = new(state, copier);

    private QueueState S => _writer.Live;
    private string Id => GrainKeys.IdOf(this.GetPrimaryKeyString());
    private DateTimeOffset Now => clock.GetUtcNow();
    private RoutingPolicy Policy => S.Definition?.Routing ?? RoutingPolicy.Default;

    private int CompareRank(QueuedSession a, QueuedSession b) => RoutingPolicyRules.CompareRank(a, b, Policy.AgingPerMinute);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var states = await Task.WhenAll(S.Members.Select(id => GrainFactory.GetAgent(id).GetRoutingState()));
        foreach (var agent in states.OfType<AgentRoutingState>()) _roster[agent.AgentId] = agent;
        // Offers that were out when the previous activation ended resolve through the normal timeout.
        if (S.Waiting.Count > 0) EnsureTimer();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        QueueMetrics.Deactivated(Id);
        return Task.CompletedTask;
    }

    public async Task<QueueDefinition> Configure(QueueDefinition definition)
    {
        S.Definition = RoutingRules.Validate(Id, definition);
        S.Waiting.Sort(CompareRank); // aging may have changed
        await _writer.WriteAsync();
        if (S.Definition.RetentionDays is not null) GrainFactory.GetRetention().Ensure().Ignore();
        Match();
        return S.Definition;
    }

    public Task<QueueDefinition?> GetDefinition() => Task.FromResult(S.Definition);

    public async Task<QueuePosition> Enqueue(QueuedSession session, Dictionary<string, string>? contactAttributes = null)
    {
        if (S.Definition is null) throw EngagementException.NotFound($"Queue '{Id}'");
        if (S.Waiting.FindIndex(w => w.SessionId == session.SessionId) is var existing and >= 0) return PositionOf(existing);
        var now = Now;
        var priority = Math.Max(session.Priority, RoutingPolicyRules.PriorityOf(Policy, contactAttributes));
        var entry = session with
        {
            EnqueuedAt = session.EnqueuedAt > now || session.EnqueuedAt == default ? now : session.EnqueuedAt,
            EnteredAt = now, Priority = priority, OfferedTo = null, OfferExpiresAt = null,
        };
        var at = S.Waiting.BinarySearch(entry, Comparer<QueuedSession>.Create(CompareRank));
        S.Waiting.Insert(at < 0 ? ~at : at, entry);
        // A transfer is offered to the agent who made it only after every other eligible agent, as after a decline.
        if (session.TransferredFrom is { } from) _tried[session.SessionId] = new(StringComparer.Ordinal) { [from] = now };
        await _writer.WriteAsync();
        Match();
        NotifyPositions();
        var index = S.Waiting.FindIndex(w => w.SessionId == session.SessionId);
        return index >= 0 ? PositionOf(index) : new QueuePosition(session.SessionId, Id, 0, S.Waiting.Count, null);
    }

    public async Task Cancel(string sessionId, bool abandoned = true)
    {
        var index = S.Waiting.FindIndex(w => w.SessionId == sessionId);
        if (index < 0) return;
        var waiting = S.Waiting[index];
        S.Waiting.RemoveAt(index);
        if (abandoned) S.Abandoned++;
        _tried.Remove(sessionId);
        if (waiting.OfferedTo is { } agentId) await GrainFactory.GetAgent(agentId).RevokeOffer(sessionId, OfferEndReason.Withdrawn);
        await _writer.WriteAsync();
        NotifyPositions();
        Match();
    }

    public async Task<bool> ClaimOffer(string sessionId, string agentId)
    {
        var index = S.Waiting.FindIndex(w => w.SessionId == sessionId);
        if (index < 0) return false;
        var waiting = S.Waiting[index];
        var now = Now;
        if (waiting.OfferedTo != agentId || waiting.OfferExpiresAt < now) return false;
        QueueMetrics.OfferEnded("accepted");
        await AnsweredAsync(index);
        return true;
    }

    /// <summary>The session at <paramref name="index"/> is answered (an accepted offer, or picked): it leaves the queue and counts.</summary>
    private async Task AnsweredAsync(int index)
    {
        var waiting = S.Waiting[index];
        var now = Now;
        S.Waiting.RemoveAt(index);
        QueueMetrics.Wait.Record((now - waiting.EnqueuedAt).TotalSeconds);
        S.AnsweredTotal++;
        if (now - waiting.EnqueuedAt <= S.Definition!.SlaTarget) S.AnsweredWithinSla++;
        S.RecentAnswers.Add(now);
        if (S.RecentAnswers.Count > 20) S.RecentAnswers.RemoveAt(0);
        _tried.Remove(waiting.SessionId);
        await _writer.WriteAsync();
        NotifyPositions();
        Match();
    }

    public Task OfferDeclined(string sessionId, string agentId, OfferEndReason reason)
    {
        EndOffer(sessionId, agentId, reason);
        Match();
        return Task.CompletedTask;
    }

    public Task AgentChanged(AgentRoutingState agent)
    {
        if (_roster.TryGetValue(agent.AgentId, out var known) && known.Version > agent.Version) return Task.CompletedTask; // overtaken
        _roster[agent.AgentId] = agent;
        if (!S.Members.Contains(agent.AgentId))
        {
            S.Members.Add(agent.AgentId);
            _writer.WriteAsync().Ignore();
        }
        Match();
        return Task.CompletedTask;
    }

    public Task AgentRemoved(string agentId)
    {
        _roster.Remove(agentId);
        if (S.Members.Remove(agentId)) _writer.WriteAsync().Ignore();
        foreach (var w in S.Waiting.Where(w => w.OfferedTo == agentId).ToList())
        {
            EndOffer(w.SessionId, agentId, OfferEndReason.Withdrawn);
            GrainFactory.GetAgent(agentId).RevokeOffer(w.SessionId, OfferEndReason.Withdrawn).Ignore();
        }
        Match();
        return Task.CompletedTask;
    }

    public Task<QueueSnapshot> GetSnapshot()
    {
        var definition = S.Definition ?? throw EngagementException.NotFound($"Queue '{Id}'");
        TimeSpan? longest = S.Waiting.Count == 0 ? null : Now - S.Waiting.Min(w => w.EnqueuedAt);
        return Task.FromResult(new QueueSnapshot(definition, S.Waiting.ToArray(), _roster.Values.OrderBy(a => a.AgentId).ToArray(),
            longest, S.AnsweredTotal, S.AnsweredWithinSla, S.Abandoned));
    }
}
