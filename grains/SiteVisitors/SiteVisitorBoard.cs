namespace Engagement.SiteVisitors;

/// <summary>
/// The visitors on the site as one board grain holds them, and the changes not yet broadcast. Versions decide
/// between late one-way reports: an older report never replaces a newer one, and a visitor's "left" is kept
/// as a tombstone for a while so a late "changed" from before it cannot bring them back. Visitors not heard
/// from within the expiry (their grain died with a silo) are dropped. Not thread-safe: lives in a grain.
/// </summary>
internal sealed class SiteVisitorBoard(TimeSpan expiry)
{
    private readonly Dictionary<string, (SiteVisitor Visitor, DateTimeOffset HeardAt)> _visitors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Version, DateTimeOffset At)> _gone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SiteVisitor> _changed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SiteVisitorLeft> _left = new(StringComparer.Ordinal);

    public int Count => _visitors.Count;

    public bool HasPending => _changed.Count > 0 || _left.Count > 0;

    /// <summary>Records an arrival or change; a report with the version already held only refreshes the entry. True when watchers must hear of it.</summary>
    public bool Changed(SiteVisitor visitor, DateTimeOffset now)
    {
        if (_gone.TryGetValue(visitor.CustomerId, out var gone) && gone.Version >= visitor.Version) return false;
        if (_visitors.TryGetValue(visitor.CustomerId, out var known) && known.Visitor.Version >= visitor.Version)
        {
            if (known.Visitor.Version == visitor.Version) _visitors[visitor.CustomerId] = (known.Visitor, now);
            return false;
        }
        _visitors[visitor.CustomerId] = (visitor, now);
        _gone.Remove(visitor.CustomerId);
        _left.Remove(visitor.CustomerId);
        _changed[visitor.CustomerId] = visitor;
        return true;
    }

    /// <summary>Records a departure unless a newer arrival is known. True when watchers must hear of it.</summary>
    public bool Left(string customerId, long version, DateTimeOffset now)
    {
        if (_visitors.TryGetValue(customerId, out var known) && known.Visitor.Version > version) return false;
        if (_gone.TryGetValue(customerId, out var gone) && gone.Version >= version) return false;
        _gone[customerId] = (version, now);
        _changed.Remove(customerId);
        if (!_visitors.Remove(customerId)) return false;
        _left[customerId] = new SiteVisitorLeft(customerId, version);
        return true;
    }

    /// <summary>Drops visitors not heard from within the expiry (reported as left) and old tombstones.</summary>
    public void Expire(DateTimeOffset now)
    {
        foreach (var (id, entry) in _visitors.Where(v => now - v.Value.HeardAt > expiry).ToList())
            Left(id, entry.Visitor.Version, now);
        foreach (var id in _gone.Where(g => now - g.Value.At > expiry).Select(g => g.Key).ToList())
            _gone.Remove(id);
    }

    /// <summary>The changes since the last call, to broadcast.</summary>
    public (SiteVisitor[] Changed, SiteVisitorLeft[] Left) TakePending()
    {
        var pending = (_changed.Values.ToArray(), _left.Values.ToArray());
        _changed.Clear();
        _left.Clear();
        return pending;
    }

    public SiteVisitor[] Snapshot() => [.. _visitors.Values.Select(v => v.Visitor).OrderBy(v => v.OnSiteSince)];
}
