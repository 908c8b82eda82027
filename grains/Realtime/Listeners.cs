namespace Engagement.Realtime;

/// <summary>
/// The client connections a grain pushes to, each held on a lease that the connection's silo renews every
/// <see cref="PresenceOptions.HeartbeatInterval"/>. A renewal re-adds a connection this activation does not
/// know (it may be new: the old one was lost with a silo or a directory partition), so the set rebuilds itself.
/// A connection leaves on a clean close (and is remembered, so a renewal already in flight cannot bring it
/// back), when its lease runs out, or at once when its silo leaves the cluster. Pushes are grouped per silo
/// and hub: one event costs one call per silo, not one per connection. Not thread-safe: it lives inside a
/// grain activation.
/// </summary>
internal sealed class Listeners<TTag>(ClientPush push, PresenceOptions options, TimeProvider clock)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _closed = new(StringComparer.Ordinal);
    private DateTimeOffset? _lastClosedAt;
    /// <summary>The connections one <see cref="Push"/> addresses; empty between calls (a grain runs one call at a time).</summary>
    private readonly List<Entry?> _pushScratch = [];

    private sealed class Entry(ConnectionRef connection, TTag tag, DateTimeOffset renewedAt)
    {
        public ConnectionRef Connection { get; } = connection;
        public TTag Tag { get; set; } = tag;
        public DateTimeOffset RenewedAt { get; set; } = renewedAt;
    }

    public int Count => _entries.Count;

    public IEnumerable<TTag> Tags => _entries.Values.Select(e => e.Tag);

    /// <summary>
    /// Online while any connection lives, and for <see cref="PresenceOptions.DisconnectGrace"/> after the last
    /// one closed cleanly or went with its silo (a page reload or a failover reconnects within it). Connections
    /// whose lease lapsed get no grace.
    /// </summary>
    public bool Online => _entries.Count > 0 || (_lastClosedAt is { } at && clock.GetUtcNow() - at < options.DisconnectGrace);

    /// <summary>
    /// When <see cref="Expire"/> or <see cref="Online"/> can next give another answer without any call in between:
    /// the earliest lease to lapse, or the end of the grace period; null when neither can (no connection, no grace).
    /// A silo leaving is not in it: the owner hears of that from <see cref="SiloDepartures"/>.
    /// </summary>
    public DateTimeOffset? NextCheckAt
    {
        get
        {
            if (_entries.Count == 0) return _lastClosedAt is { } at && Online ? at + options.DisconnectGrace : null;
            var earliest = DateTimeOffset.MaxValue;
            foreach (var e in _entries.Values)
                if (e.RenewedAt < earliest) earliest = e.RenewedAt;
            return earliest + options.ConnectionTimeout;
        }
    }

    /// <summary>The silos holding these connections.</summary>
    public IEnumerable<SiloAddress> Silos => _entries.Values.Select(e => e.Connection.Silo).Distinct();

    /// <summary>A connection registers itself (connect, join). Returns true when it was new.</summary>
    public bool Add(ConnectionRef connection, TTag tag)
    {
        _closed.Remove(connection.ConnectionId);
        return Put(connection, tag);
    }

    /// <summary>
    /// A lease renewal from the connection's silo. Adds the connection when unknown, unless it closed here
    /// already; returns true when it was added.
    /// </summary>
    public bool Renew(ConnectionRef connection, TTag tag)
    {
        if (_closed.ContainsKey(connection.ConnectionId) || push.IsGone(connection.Silo)) return false;
        return Put(connection, tag);
    }

    /// <summary>A clean close. Returns false when the connection was not here.</summary>
    public bool Remove(string connectionId)
    {
        var now = clock.GetUtcNow();
        _closed[connectionId] = now;
        if (!_entries.Remove(connectionId)) return false;
        if (_entries.Count == 0) _lastClosedAt = now;
        return true;
    }

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

    /// <summary>
    /// Drops connections whose lease ran out or whose silo left; returns how many. A silo that left gets the
    /// grace of a clean close (its clients reconnect elsewhere within seconds); a lapsed lease gets none.
    /// </summary>
    public int Expire()
    {
        var now = clock.GetUtcNow();
        var lapsed = _entries.Values.Where(e => now - e.RenewedAt > options.ConnectionTimeout).Select(e => e.Connection.ConnectionId).ToList();
        var orphaned = _entries.Values.Where(e => push.IsGone(e.Connection.Silo)).Select(e => e.Connection.ConnectionId).Except(lapsed).ToList();
        foreach (var id in lapsed.Concat(orphaned)) _entries.Remove(id);
        if (_entries.Count == 0 && lapsed.Count + orphaned.Count > 0) _lastClosedAt = orphaned.Count > 0 ? now : null;
        // A renewal in flight outlives a close by at most one lease.
        foreach (var id in _closed.Where(c => now - c.Value > options.ConnectionTimeout).Select(c => c.Key).ToList()) _closed.Remove(id);
        return lapsed.Count + orphaned.Count;
    }

    /// <summary>Sends an event to one connection, if it is here.</summary>
    public void PushTo(string connectionId, ClientEvent evt)
    {
        if (_entries.TryGetValue(connectionId, out var e)) push.Push(e.Connection, [connectionId], evt);
    }

    /// <summary>
    /// Sends an event to every connection whose tag passes <paramref name="filter"/>; returns how many were
    /// addressed. Connections of a silo that left are dropped here rather than pushed to.
    /// </summary>
    /// <remarks>
    /// Every message of every session comes through here (a session's connections make two groups on a silo: the
    /// visitor hub's and the agent hub's), so it costs one array per group and nothing else: no LINQ, and a scratch
    /// list kept between calls (docs/benchmarks.md, "Allocations per message"). Groups are few: each is gathered by a scan.
    /// </remarks>
    public int Push(ClientEvent evt, Func<TTag, bool>? filter = null)
    {
        var matched = _pushScratch;
        try
        {
            foreach (var e in _entries.Values)
                if (filter is null || filter(e.Tag)) matched.Add(e);
            return PushGroups(matched, evt);
        }
        finally
        {
            matched.Clear();
        }
    }

    private int PushGroups(List<Entry?> matched, ClientEvent evt)
    {
        var count = 0;
        List<string>? gone = null;
        for (var i = 0; i < matched.Count; i++)
        {
            // The first entry of a group not yet pushed leads it; pushed entries are cleared from the list.
            if (matched[i] is not { } lead) continue;
            var size = 0;
            for (var j = i; j < matched.Count; j++)
                if (matched[j] is { } e && SameGroup(lead, e)) size++;
            var ids = new string[size];
            var k = 0;
            for (var j = i; j < matched.Count; j++)
            {
                if (matched[j] is not { } e || !SameGroup(lead, e)) continue;
                ids[k++] = e.Connection.ConnectionId;
                matched[j] = null;
            }
            if (push.IsGone(lead.Connection.Silo))
            {
                (gone ??= []).AddRange(ids);
                continue;
            }
            push.Push(lead.Connection, ids, evt);
            count += size;
        }
        if (gone is not null) DropGone(gone);
        return count;
    }

    private static bool SameGroup(Entry a, Entry b) => a.Connection.Hub == b.Connection.Hub && a.Connection.Silo.Equals(b.Connection.Silo);

    private void DropGone(IEnumerable<string> connectionIds)
    {
        foreach (var id in connectionIds) _entries.Remove(id);
        if (_entries.Count == 0) _lastClosedAt = clock.GetUtcNow();
    }

    private bool Put(ConnectionRef connection, TTag tag)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(connection.ConnectionId, out var existing))
        {
            existing.Tag = tag;
            existing.RenewedAt = now;
            return false;
        }
        _entries[connection.ConnectionId] = new Entry(connection, tag, now);
        _lastClosedAt = null;
        return true;
    }
}
