using Engagement.Realtime;
using Engagement.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Dashboard;

/// <summary>
/// The supervisor dashboard's read model. Queues, agents and sessions report one-way; figures are kept
/// incrementally and the whole <see cref="DashboardSnapshot"/> is pushed to the agent hub's
/// <see cref="WatchGroups.Dashboard"/> group at most once per <see cref="StatsOptions.PushInterval"/> while
/// something changes. Quality counters are persisted (coalesced writes); queue and agent figures are live
/// state, rebuilt on activation by asking the queues and agents listed in the registry.
/// </summary>
/// <remarks>Renamed from StatsGrain in C# only: the grain type, the state name and the state's alias are persisted
/// identities and stay as they were.</remarks>
[GrainType("stats")]
internal sealed partial class DashboardGrain(
    [PersistentState("stats", "store")] IPersistentState<QualityCounters> state,
    IOptions<StatsOptions> options,
    TimeProvider clock,
    ClientPush push,
    ILogger<DashboardGrain> logger) : Grain, IDashboardGrain
{
    private readonly Dictionary<string, QueueStats> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentLoad> _agents = new(StringComparer.Ordinal);
    private readonly VersionClock _versions = new(clock);
    private Throttle _push = null!;
    private Throttle _write = null!;

    private QualityCounters Counters => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _push = new Throttle(options.Value.PushInterval, PushAsync, Throttle.GrainTimer(this));
        _write = new Throttle(options.Value.WriteInterval, state.WriteStateAsync, Throttle.GrainTimer(this));
        await RebuildAsync();
        // A new activation (the last went with a node) may know more than watchers were last sent: send it. Not
        // awaited: the push asks the router registry, which need not wait on this activation.
        _push.ChangedAsync().Ignore();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _push.Stop();
        await _write.FlushAsync();
    }

    public Task QueueChanged(QueueStats queue)
    {
        if (_queues.TryGetValue(queue.QueueId, out var known) && (known.Version > queue.Version || known == queue with { Version = known.Version }))
            return Task.CompletedTask;
        _queues[queue.QueueId] = queue;
        return _push.ChangedAsync();
    }

    public Task AgentChanged(AgentLoad agent)
    {
        if (_agents.TryGetValue(agent.AgentId, out var known) && (known.Version > agent.Version || known == agent with { Version = known.Version }))
            return Task.CompletedTask;
        _agents[agent.AgentId] = agent;
        return _push.ChangedAsync();
    }

    public async Task SessionStat(SessionStat stat)
    {
        switch (stat.Kind)
        {
            case SessionStatKind.FirstResponse when stat.FirstResponse is { } elapsed:
                Counters.AddFirstResponse(elapsed);
                break;
            case SessionStatKind.Rated when stat.Rating is { } rating:
                Counters.AddRating(stat.PreviousRating, rating);
                break;
            case SessionStatKind.Closed:
                Counters.AddClosed(stat.Outcome);
                break;
            default:
                LogIgnored(stat.Kind, stat.SessionId);
                return;
        }
        await CountersChangedAsync();
    }

    public async Task Invitation(string invitationId, bool? accepted)
    {
        Counters.AddInvitation(accepted);
        await CountersChangedAsync();
    }

    public Task<DashboardSnapshot> GetDashboard() => Task.FromResult(Snapshot());

    private async Task CountersChangedAsync()
    {
        await _write.ChangedAsync();
        await _push.ChangedAsync();
    }

    private Task PushAsync() =>
        push.BroadcastAsync(HubKind.Agent, WatchGroups.Dashboard, ClientEvent.Dashboard(Snapshot()));

    private DashboardSnapshot Snapshot()
    {
        var queues = _queues.Values.OrderBy(q => q.Name, StringComparer.OrdinalIgnoreCase).ThenBy(q => q.QueueId, StringComparer.Ordinal).ToArray();
        var agents = _agents.Values.OrderBy(a => a.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.AgentId, StringComparer.Ordinal).ToArray();
        var quality = Counters.ToStats(options.Value.EffectiveConversionOutcomes, queues.Sum(q => (long)q.Answered), queues.Sum(q => (long)q.AnsweredWithinSla));
        return new DashboardSnapshot(queues, agents, quality, clock.GetUtcNow(), _versions.Next());
    }

    /// <summary>Asks every queue and agent for its current figures; what they report later replaces these.</summary>
    private async Task RebuildAsync()
    {
        var registry = GrainFactory.GetRegistry();
        var queueIds = await registry.ListQueues();
        var agentIds = await registry.ListAgents();
        var queues = await Task.WhenAll(queueIds.Select(ReadQueueAsync));
        var agents = await Task.WhenAll(agentIds.Select(ReadAgentAsync));
        foreach (var queue in queues.OfType<QueueStats>()) _queues.TryAdd(queue.QueueId, queue);
        foreach (var agent in agents.OfType<AgentLoad>()) _agents.TryAdd(agent.AgentId, agent);
    }

    private async Task<QueueStats?> ReadQueueAsync(string queueId)
    {
        try
        {
            return QueueFigures.From(await GrainFactory.GetQueue(queueId).GetSnapshot());
        }
        catch (EngagementException e) when (e.Code == ErrorCodes.NotFound)
        {
            return null; // registered but not configured (an unavailable queue fails the rebuild instead)
        }
    }

    private async Task<AgentLoad?> ReadAgentAsync(string agentId)
    {
        var agent = GrainFactory.GetAgent(agentId);
        if (await agent.GetProfile() is not { } profile) return null;
        var status = await agent.GetStatus();
        return new AgentLoad(agentId, profile.DisplayName, status.Presence, status.ActiveSessions.Length, profile.Capacity, 0, status.AwayReason, status.ChosenSince, status.ActiveSessions);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a {Kind} statistic without its figure (session {SessionId}).")]
    private partial void LogIgnored(SessionStatKind kind, string sessionId);
}
