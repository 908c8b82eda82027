namespace Engagement.Connections;

/// <summary>
/// Connection liveness for a grain whose presence depends on its clients (agents, customers):
/// online while any connection lives, and for a grace period after the last one closed cleanly
/// (a page reload reconnects within it). Connections whose silo stops heartbeating expire with no grace.
/// </summary>
internal sealed class LiveConnections<TTag>(PresenceOptions options, TimeProvider clock)
{
    private DateTimeOffset? _lastClosedAt;

    public ConnectionSet<TTag> Set { get; } = new();

    /// <summary>See <see cref="ConnectionSet{TTag}.Local"/>.</summary>
    public ILocalConnectionRouter? Local { set => Set.Local = value; }

    public bool Online => Set.Count > 0 || (_lastClosedAt is { } at && clock.GetUtcNow() - at < options.DisconnectGrace);

    public int Count => Set.Count;

    public void Add(ConnectionRef connection, TTag tag)
    {
        Set.Add(connection, tag, clock.GetUtcNow());
        _lastClosedAt = null;
    }

    /// <summary>A clean close: presence holds through the grace period.</summary>
    public bool Remove(string connectionId)
    {
        if (!Set.Remove(connectionId)) return false;
        if (Set.Count == 0) _lastClosedAt = clock.GetUtcNow();
        return true;
    }

    public void Touch(string[] connectionIds) => Set.Touch(connectionIds, clock.GetUtcNow());

    /// <summary>Drops connections that stopped heartbeating or whose silo left; returns how many.</summary>
    public int Expire(Func<SiloAddress, bool> siloAlive)
    {
        var now = clock.GetUtcNow();
        var dead = Set.Expire(now, options.ConnectionTimeout, siloAlive);
        if (dead.Count > 0 && Set.Count == 0) _lastClosedAt = now - options.DisconnectGrace;
        return dead.Count;
    }

    /// <summary>How often the owning grain should check liveness while online.</summary>
    public TimeSpan CheckPeriod => TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(200).Ticks,
        Math.Min(options.DisconnectGrace.Ticks, options.HeartbeatInterval.Ticks) / 4));
}
