using System.Collections.Concurrent;

namespace Engagement.Api.Realtime;

/// <summary>
/// One client connection held by this silo: who it is, the grain whose presence it makes (an agent or a
/// customer; none for a watch-only dashboard), the page a visitor's tab shows, and the sessions it joined.
/// Everything a lease renewal needs to rebuild the grains' side after they lose it.
/// </summary>
internal sealed class LiveConnection(ConnectionRef reference, Caller caller, ListenerKey? owner, VisitorLocation? location, Action abort)
{
    private readonly ConcurrentDictionary<string, byte> _sessions = new(StringComparer.Ordinal);

    public string Id => Ref.ConnectionId;

    public ConnectionRef Ref { get; } = reference;

    public Caller Caller { get; } = caller;

    /// <summary>The agent or customer grain this connection keeps present; null for watch-only connections.</summary>
    public ListenerKey? Owner { get; } = owner;

    /// <summary>A visitor tab's latest page, re-sent with its lease (a new customer activation starts from it).</summary>
    public VisitorLocation? Location { get; set; } = location;

    public IEnumerable<string> Sessions => _sessions.Keys;

    public void Joined(string sessionId) => _sessions.TryAdd(sessionId, 0);

    public void Left(string sessionId) => _sessions.TryRemove(sessionId, out _);

    /// <summary>Closes the connection from the server (the end of a drain).</summary>
    public void Abort() => abort();
}
