namespace Engagement.Connections;

/// <summary>
/// The live connections a grain pushes to, with the last time each was seen alive. Pushes are grouped
/// per silo and hub so one event costs one one-way call per silo, not one per connection.
/// Not thread-safe: it lives inside a grain activation.
/// </summary>
internal sealed class ConnectionSet<TTag>
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed class Entry(ConnectionRef connection, TTag tag, DateTimeOffset lastSeen)
    {
        public ConnectionRef Connection { get; } = connection;
        public TTag Tag { get; set; } = tag;
        public DateTimeOffset LastSeen { get; set; } = lastSeen;
    }

    /// <summary>This silo's router, when it hosts connections: pushes to them skip the Orleans message.</summary>
    public ILocalConnectionRouter? Local { get; set; }

    public int Count => _entries.Count;

    public IEnumerable<TTag> Tags => _entries.Values.Select(e => e.Tag);

    public IEnumerable<string> Ids => _entries.Keys;

    /// <summary>Adds or refreshes a connection. Returns true when it was new.</summary>
    public bool Add(ConnectionRef connection, TTag tag, DateTimeOffset now)
    {
        if (_entries.TryGetValue(connection.ConnectionId, out var existing))
        {
            existing.Tag = tag;
            existing.LastSeen = now;
            return false;
        }
        _entries[connection.ConnectionId] = new Entry(connection, tag, now);
        return true;
    }

    public bool Remove(string connectionId) => _entries.Remove(connectionId);

    public bool Contains(string connectionId) => _entries.ContainsKey(connectionId);

    public bool TryGetTag(string connectionId, out TTag tag)
    {
        if (_entries.TryGetValue(connectionId, out var e)) { tag = e.Tag; return true; }
        tag = default!;
        return false;
    }

    public bool SetTag(string connectionId, TTag tag)
    {
        if (!_entries.TryGetValue(connectionId, out var e)) return false;
        e.Tag = tag;
        return true;
    }

    /// <summary>Marks connections as alive (a heartbeat from the silo holding them).</summary>
    public void Touch(IEnumerable<string> connectionIds, DateTimeOffset now)
    {
        foreach (var id in connectionIds)
        {
            if (_entries.TryGetValue(id, out var e)) e.LastSeen = now;
        }
    }

    /// <summary>Removes connections not seen since <paramref name="now"/> - <paramref name="timeout"/>, or held by silos that left the cluster.</summary>
    public List<string> Expire(DateTimeOffset now, TimeSpan timeout, Func<SiloAddress, bool> siloAlive)
    {
        var dead = _entries.Values
            .Where(e => now - e.LastSeen > timeout || !siloAlive(e.Connection.Silo))
            .Select(e => e.Connection.ConnectionId)
            .ToList();
        foreach (var id in dead) _entries.Remove(id);
        return dead;
    }

    /// <summary>Sends an event to one connection, if it is in the set.</summary>
    public void PushTo(string connectionId, ClientEvent evt)
    {
        if (_entries.TryGetValue(connectionId, out var e))
            RouterOf(e.Connection).Push(e.Connection.Hub, [connectionId], evt).Ignore();
    }

    /// <summary>Sends an event to every connection whose tag passes <paramref name="filter"/>; returns how many were addressed.</summary>
    public int Push(ClientEvent evt, Func<TTag, bool>? filter = null)
    {
        var count = 0;
        foreach (var group in _entries.Values
                     .Where(e => filter is null || filter(e.Tag))
                     .GroupBy(e => (e.Connection.Silo, e.Connection.Hub)))
        {
            var ids = group.Select(e => e.Connection.ConnectionId).ToArray();
            RouterOf(group.First().Connection).Push(group.Key.Hub, ids, evt).Ignore();
            count += ids.Length;
        }
        return count;
    }

    private IConnectionRouter RouterOf(ConnectionRef connection) =>
        Local is { } local && local.Silo.Equals(connection.Silo) ? local.Router : connection.Router;
}
