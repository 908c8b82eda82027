using Engagement.Realtime;
using Engagement.Common;
using Microsoft.Extensions.Logging;

namespace Engagement.TeamDirectory;

/// <summary>
/// The team directory visitors choose from: the representatives with live presence and each queue's availability.
/// Agents tell it one-way whenever their profile or presence changes; each visible change is broadcast at once to
/// the visitor hub's <see cref="WatchGroups.Directory"/> group on every silo. Held in memory: a new activation
/// rebuilds from the agents listed in the registry (awaited calls down to agents and queues, which never await
/// this grain). Queues announce themselves when defined or renamed; a refresh every minute catches any
/// announcement that was lost.
/// </summary>
/// <remarks>Renamed from PresenceBoardGrain in C# only: the grain type, the state name and the state's alias are persisted
/// identities and stay as they were.</remarks>
[GrainType("presence-board")]
internal sealed partial class TeamDirectoryGrain(TimeProvider clock, ClientPush push, ILogger<TeamDirectoryGrain> logger) : Grain, ITeamDirectoryGrain
{
    private static readonly TimeSpan QueueRefresh = TimeSpan.FromMinutes(1);
    private readonly DirectoryBook _book = new(clock);
    private IGrainTimer? _openingTimer;
    private DateTimeOffset? _openingTimerAt;
    private readonly VersionClock _versions = new(clock);
    private readonly HashSet<string> _askedForName = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var agents = await Task.WhenAll((await GrainFactory.GetRegistry().ListAgents()).Select(ReadEntryAsync));
        // A new activation (the last went with a node) may differ from what watchers were last sent: send every entry.
        var rebuilt = agents.OfType<DirectoryEntry>().Select(entry => _book.Apply(entry, _versions.Next())).OfType<DirectoryChange>().ToList();
        await RefreshQueuesAsync(broadcast: false);
        foreach (var change in rebuilt) BroadcastAsync(change).Ignore();
        this.RegisterGrainTimer(_ => RefreshQueuesAsync(broadcast: true), new GrainTimerCreationOptions(QueueRefresh, QueueRefresh));
    }

    public async Task AgentChanged(DirectoryEntry entry)
    {
        // Operators run the cluster and serve nobody: not a colleague, not a representative (an agent made one leaves).
        if (entry.Role == StaffRole.Operator)
        {
            await AgentRemoved(entry.AgentId);
            return;
        }
        var named = await NameNewQueuesAsync(entry.Queues);
        var change = _book.Apply(entry, _versions.Next());
        if (named.Count > 0) // new queues are announced even when the entry changed nothing else
            change = change is null ? new DirectoryChange(null, null, [.. named], named[^1].Version)
                : change with { Queues = [.. change.Queues, .. named.Where(n => change.Queues.All(q => q.QueueId != n.QueueId))] };
        if (change is not null) await BroadcastAsync(change);
    }

    public async Task AgentRemoved(string agentId)
    {
        if (_book.Remove(agentId, _versions.Next()) is { } change) await BroadcastAsync(change);
    }

    public async Task QueueDefined(QueueDefinition definition)
    {
        _askedForName.Add(definition.QueueId);
        var queue = _book.SetQueue(definition.QueueId, definition.Name, _versions.Next(), definition.Hours);
        ScheduleOpeningChange();
        if (queue is not null) await BroadcastAsync(new DirectoryChange(null, null, [queue], queue.Version));
    }

    /// <summary>A timer for the next time a queue opens or closes, so watchers see it then (not at the next refresh).</summary>
    private void ScheduleOpeningChange()
    {
        var next = _book.NextOpeningChange();
        if (next == _openingTimerAt) return;
        _openingTimer?.Dispose();
        _openingTimer = null;
        _openingTimerAt = next;
        if (next is not { } at) return;
        var due = at - clock.GetUtcNow();
        _openingTimer = this.RegisterGrainTimer(OpeningChangedAsync, new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    private async Task OpeningChangedAsync(CancellationToken cancellationToken)
    {
        _openingTimerAt = null;
        var changed = _book.RecountHours(_versions.Next());
        ScheduleOpeningChange();
        if (changed.Length > 0) await BroadcastAsync(new DirectoryChange(null, null, changed, changed[^1].Version));
    }

    public Task<DirectoryEntry[]> GetDirectory() => Task.FromResult(_book.Representatives());

    public Task<DirectorySnapshot> GetSnapshot() => Task.FromResult(_book.Snapshot(_versions.Next()));

    private Task BroadcastAsync(DirectoryChange change) =>
        push.BroadcastAsync(HubKind.Visitor, WatchGroups.Directory, ClientEvent.DirectoryPresence(change));

    /// <summary>Learns queues created since, names that changed, and names of queues staff mentioned first.</summary>
    private async Task RefreshQueuesAsync(bool broadcast)
    {
        try
        {
            var ids = (await GrainFactory.GetRegistry().ListQueues()).Union(_book.UnnamedQueues, StringComparer.Ordinal).ToList();
            var definitions = await Task.WhenAll(ids.Select(id => GrainFactory.GetQueue(id).GetDefinition()));
            foreach (var definition in definitions.OfType<QueueDefinition>())
            {
                _askedForName.Add(definition.QueueId);
                if (_book.SetQueue(definition.QueueId, definition.Name, _versions.Next(), definition.Hours) is { } queue && broadcast)
                    await BroadcastAsync(new DirectoryChange(null, null, [queue], queue.Version));
            }
            ScheduleOpeningChange();
        }
        catch (Exception e) when (broadcast)
        {
            LogRefreshFailed(e); // the next refresh tries again
        }
    }

    /// <summary>Asks queues the directory has never named for their names (once each; the periodic refresh retries).</summary>
    private async Task<List<QueueAvailability>> NameNewQueuesAsync(string[] queueIds)
    {
        var named = new List<QueueAvailability>();
        foreach (var queueId in queueIds.Where(id => _askedForName.Add(id)))
        {
            if (await GrainFactory.GetQueue(queueId).GetDefinition() is { } definition
                && _book.SetQueue(queueId, definition.Name, _versions.Next(), definition.Hours) is { } queue)
                named.Add(queue);
        }
        return named;
    }

    private async Task<DirectoryEntry?> ReadEntryAsync(string agentId)
    {
        var agent = GrainFactory.GetAgent(agentId);
        if (await agent.GetProfile() is not { } profile || profile.Role == StaffRole.Operator) return null;
        var status = await agent.GetStatus();
        // Version 0: whatever the agent sends from now on is newer.
        return new DirectoryEntry(agentId, profile.DisplayName, profile.Title, profile.PhotoUrl, profile.Skills, profile.Queues, status.Presence, 0, profile.Role);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the directory's queues failed; retrying in a minute.")]
    private partial void LogRefreshFailed(Exception exception);
}
