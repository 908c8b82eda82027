namespace Engagement.TeamDirectory;

/// <summary>
/// The team directory's state, without Orleans: every staff member's latest entry (ordered by the agent's own
/// version), the queues with their availability, and what a change means for watchers. Entries handed out
/// carry the directory's version, so a watcher merges everything by one clock. Only Agent-role staff are listed;
/// everyone serving a queue counts towards its availability.
/// </summary>
public sealed class DirectoryBook(TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Dictionary<string, BusinessHours> _hours = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long AgentVersion, DirectoryEntry Entry)> _staff = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueueAvailability> _queues = new(StringComparer.Ordinal);
    private readonly HashSet<string> _named = new(StringComparer.Ordinal);

    public static bool IsListed(DirectoryEntry entry) => entry.Role == StaffRole.Agent;

    /// <summary>Queues mentioned by staff whose name the directory has not been told yet.</summary>
    public IEnumerable<string> UnnamedQueues => _queues.Keys.Where(id => !_named.Contains(id));

    /// <summary>
    /// Adds a queue or changes its name or business hours (they come from the queues themselves). Returns its
    /// availability when new or changed as watchers see it.
    /// </summary>
    public QueueAvailability? SetQueue(string queueId, string name, long version, BusinessHours? hours = null)
    {
        _named.Add(queueId);
        if (hours is null) _hours.Remove(queueId);
        else _hours[queueId] = hours;
        var counted = Count(queueId, name, version);
        if (_queues.TryGetValue(queueId, out var known) && SameForWatchers(known, counted)) return null;
        _queues[queueId] = counted;
        return counted;
    }

    /// <summary>Queues that opened or closed since they were last counted (call at <see cref="NextOpeningChange"/>).</summary>
    public QueueAvailability[] RecountHours(long version) => Recount(_hours.Keys.ToList(), version);

    /// <summary>The next instant a queue opens or closes, or null when no queue has hours.</summary>
    public DateTimeOffset? NextOpeningChange()
    {
        var now = _clock.GetUtcNow();
        return _hours.Values.Select(h => BusinessCalendar.NextChange(h, now)).Where(t => t is not null).Min();
    }

    /// <summary>Applies an entry from an agent. Null when it is older than the one held or changes nothing a watcher sees.</summary>
    public DirectoryChange? Apply(DirectoryEntry incoming, long version)
    {
        DirectoryEntry? before = null;
        if (_staff.TryGetValue(incoming.AgentId, out var held))
        {
            if (held.AgentVersion >= incoming.Version) return null;
            before = held.Entry;
        }
        var stored = incoming with { Version = version };
        _staff[incoming.AgentId] = (incoming.Version, stored);
        if (before is not null && SameForWatchers(before, stored))
        {
            _staff[incoming.AgentId] = (incoming.Version, before); // keep the version watchers already have
            return null;
        }
        var queues = Recount((before?.Queues ?? []).Union(stored.Queues, StringComparer.Ordinal), version);
        var listedNow = IsListed(stored);
        var listedBefore = before is not null && IsListed(before);
        if (!listedNow && !listedBefore)
            return queues.Length == 0 ? null : new DirectoryChange(null, null, queues, version);
        return new DirectoryChange(incoming.AgentId, listedNow ? stored : null, queues, version);
    }

    /// <summary>Forgets an agent. Null when it was not known.</summary>
    public DirectoryChange? Remove(string agentId, long version)
    {
        if (!_staff.Remove(agentId, out var held)) return null;
        var queues = Recount(held.Entry.Queues, version);
        return IsListed(held.Entry) ? new DirectoryChange(agentId, null, queues, version)
            : queues.Length == 0 ? null : new DirectoryChange(null, null, queues, version);
    }

    public DirectoryEntry[] Representatives() =>
        _staff.Values.Select(s => s.Entry).Where(IsListed)
            .OrderBy(e => e.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.AgentId, StringComparer.Ordinal)
            .ToArray();

    public DirectorySnapshot Snapshot(long version) =>
        new(Representatives(), _queues.Values.OrderBy(q => q.Name, StringComparer.OrdinalIgnoreCase).ToArray(), version);

    /// <summary>Recounts the given queues; returns those whose figures changed, stamped with <paramref name="version"/>.</summary>
    private QueueAvailability[] Recount(IEnumerable<string> queueIds, long version)
    {
        var changed = new List<QueueAvailability>();
        foreach (var queueId in queueIds)
        {
            var name = _queues.TryGetValue(queueId, out var known) ? known.Name : queueId;
            var counted = Count(queueId, name, version);
            if (known is not null && SameForWatchers(known, counted)) continue;
            _queues[queueId] = counted;
            changed.Add(counted);
        }
        return [.. changed];
    }

    private QueueAvailability Count(string queueId, string name, long version)
    {
        var serving = _staff.Values.Select(s => s.Entry).Where(e => e.Queues.Contains(queueId, StringComparer.Ordinal)).ToList();
        var online = serving.Count(e => e.Presence is AgentPresence.Available or AgentPresence.Busy);
        var available = serving.Count(e => e.Presence == AgentPresence.Available);
        var hours = _hours.GetValueOrDefault(queueId);
        var now = _clock.GetUtcNow();
        return new QueueAvailability(queueId, name, online, available, version, BusinessCalendar.IsOpen(hours, now), BusinessCalendar.OpensAt(hours, now));
    }

    private static bool SameForWatchers(QueueAvailability a, QueueAvailability b) =>
        a.Name == b.Name && a.AgentsOnline == b.AgentsOnline && a.AgentsAvailable == b.AgentsAvailable && a.Open == b.Open && a.OpensAt == b.OpensAt;

    private static bool SameForWatchers(DirectoryEntry a, DirectoryEntry b) =>
        a.DisplayName == b.DisplayName && a.Title == b.Title && a.PhotoUrl == b.PhotoUrl && a.Presence == b.Presence
        && a.Role == b.Role && a.Skills.SequenceEqual(b.Skills) && a.Queues.SequenceEqual(b.Queues);
}
