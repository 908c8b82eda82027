namespace Engagement.Api.Realtime;

/// <summary>
/// One client connection held by this silo: who it is, the grain whose presence it makes (an agent or a
/// customer; none for a watch-only dashboard), the page a visitor's tab shows, and the sessions it joined.
/// Everything a lease renewal needs to rebuild the grains' side after they lose it.
/// </summary>
internal sealed class LiveConnection(ConnectionRef reference, Caller caller, ListenerKey? owner, VisitorLocation? location, Action abort)
{
    private readonly Lock _lock = new();
    // Copied on write: most connections never join a session (visitors browsing) or join one or two, so an
    // array costs nothing until then, where a concurrent dictionary costs its empty buckets and locks on every
    // connection (docs/benchmarks.md, "Connections per node").
    private string[] _sessions = [];

    public string Id => Ref.ConnectionId;

    public ConnectionRef Ref { get; } = reference;

    public Caller Caller { get; } = caller;

    /// <summary>The agent or customer grain this connection keeps present; null for watch-only connections.</summary>
    public ListenerKey? Owner { get; } = owner;

    /// <summary>A visitor tab's latest page, re-sent with its lease (a new customer activation starts from it).</summary>
    public VisitorLocation? Location { get; set; } = location;

    /// <summary>A snapshot: later joins and leaves do not change it.</summary>
    public IReadOnlyList<string> Sessions => Volatile.Read(ref _sessions);

    public void Joined(string sessionId)
    {
        lock (_lock)
        {
            if (!_sessions.Contains(sessionId, StringComparer.Ordinal)) _sessions = [.. _sessions, sessionId];
        }
    }

    public void Left(string sessionId)
    {
        lock (_lock)
        {
            if (_sessions.Contains(sessionId, StringComparer.Ordinal)) _sessions = [.. _sessions.Where(s => !string.Equals(s, sessionId, StringComparison.Ordinal))];
        }
    }

    /// <summary>Closes the connection from the server (the end of a drain).</summary>
    public void Abort() => abort();
}
