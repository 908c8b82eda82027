using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Realtime;

/// <summary>
/// The one owner of "who listens to what" on this silo. It knows every client connection held here, the grain
/// each keeps present (an agent or a customer) and the sessions each joined, with how far each has been given
/// the transcript. From that it
/// <list type="bullet">
/// <item>delivers pushes in order (<see cref="SessionFeed"/>), through its <see cref="ConnectionRouter"/>;</item>
/// <item>holds every listener on a lease that it renews on the grains every <see cref="PresenceOptions.HeartbeatInterval"/>,
/// at once when the cluster's membership changes, and when a grain asks after (re)activating — so grains that lost
/// their listeners with a silo or a directory partition get them back, and clients never have to notice
/// (ClientConnections.Leases.cs).</item>
/// </list>
/// Hubs tell it about connections and joins; grains reach it only through <see cref="IConnectionRouter"/>.
/// </summary>
public sealed partial class ClientConnections : ILocalConnectionRouter
{
    private readonly ConcurrentDictionary<string, LiveConnection> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SessionFeed> _feeds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string SessionId, string ConnectionId), byte> _gaps = new();
    private readonly IGrainFactory _grains;
    private readonly ILocalSiloDetails _silo;
    private readonly IClusterMembershipService _membership;
    private readonly ClientSender _sender;
    private readonly ConnectionRouter _router;
    private readonly PresenceOptions _presence;
    private readonly TimeProvider _clock;
    private readonly ILogger<ClientConnections> _logger;
    private readonly Lock _referenceLock = new();
    private readonly Lock _feedsGate = new();
    private IConnectionRouter? _routerReference;

    public ClientConnections(
        IGrainFactory grains,
        ILocalSiloDetails silo,
        IClusterMembershipService membership,
        ClientSender sender,
        IOptions<PresenceOptions> presence,
        TimeProvider clock,
        ILogger<ClientConnections> logger)
    {
        (_grains, _silo, _membership, _sender, _presence, _clock, _logger) = (grains, silo, membership, sender, presence.Value, clock, logger);
        _router = new ConnectionRouter(this, sender);
    }

    public SiloAddress Silo => _silo.SiloAddress;

    /// <summary>The router object itself, for grains on this silo (no Orleans message).</summary>
    public IConnectionRouter Router => _router;

    /// <summary>How many connections this silo holds now.</summary>
    public int Count => _connections.Count;

    /// <summary>How many connections of one hub this silo holds now (the cluster view; a count, so a walk is fine).</summary>
    public int CountOf(HubKind hub) => _connections.Values.Count(c => c.Ref.Hub == hub);

    /// <summary>The reference grains use to reach <paramref name="connectionId"/> on this silo.</summary>
    public ConnectionRef RefFor(string connectionId, HubKind hub) => new(connectionId, hub, RouterReference(), _silo.SiloAddress);

    /// <summary>
    /// Holds a connection whose owning grain (if any) now knows it: from here on its leases are renewed. Call
    /// only once connecting fully succeeded, since a connection that failed to connect never disconnects.
    /// </summary>
    public void Track(HubCallerContext context, ConnectionRef reference, Caller caller, ListenerKey? owner, VisitorLocation? location) =>
        _connections[reference.ConnectionId] = new LiveConnection(reference, caller, owner, location, context.Abort);

    /// <summary>A visitor tab moved to another page (sent with its next lease).</summary>
    public void Moved(string connectionId, VisitorLocation location)
    {
        if (_connections.TryGetValue(connectionId, out var connection)) connection.Location = location;
    }

    /// <summary>
    /// A join starts: on a connection's first join to the session, its live messages are held until <see cref="Joined"/>
    /// says where the reply ends.
    /// </summary>
    public void BeginJoin(string connectionId, string sessionId)
    {
        if (!_connections.TryGetValue(connectionId, out var connection)) return;
        lock (_feedsGate) _feeds.GetOrAdd(sessionId, id => new SessionFeed(id)).BeginJoin(connection);
    }

    /// <summary>The join succeeded: live delivery continues after <paramref name="upToSeq"/>.</summary>
    public void Joined(string connectionId, string sessionId, long upToSeq)
    {
        if (!_feeds.TryGetValue(sessionId, out var feed)) return;
        if (!_connections.TryGetValue(connectionId, out var connection))
        {
            ForgetClosedJoiner(connectionId, sessionId, feed);
            return;
        }
        connection.Joined(sessionId);
        if (feed.Joined(connectionId, upToSeq, _sender, _clock.GetUtcNow())) _gaps.TryAdd((sessionId, connectionId), 0);
    }

    public void JoinFailed(string connectionId, string sessionId)
    {
        if (!_feeds.TryGetValue(sessionId, out var feed)) return;
        if (!_connections.ContainsKey(connectionId)) ForgetClosedJoiner(connectionId, sessionId, feed);
        else feed.JoinFailed(connectionId);
    }

    /// <summary>True while <paramref name="connectionId"/> has a place in the session's feed here (joined, or joining).</summary>
    internal bool Follows(string connectionId, string sessionId) => _feeds.TryGetValue(sessionId, out var feed) && feed.Contains(connectionId);

    /// <summary>
    /// The connection closed while its join was out: <see cref="Untrack"/> could not know the session yet (it learns it
    /// from a join's success), so the cursor the join made goes here.
    /// </summary>
    private void ForgetClosedJoiner(string connectionId, string sessionId, SessionFeed feed)
    {
        feed.Remove(connectionId);
        DropIfEmpty(sessionId, feed);
    }

    /// <summary>Under the lock a join takes to find or make the feed, so a join never lands in a feed being dropped.</summary>
    private void DropIfEmpty(string sessionId, SessionFeed feed)
    {
        lock (_feedsGate)
        {
            if (feed.IsEmpty) _feeds.TryRemove(new KeyValuePair<string, SessionFeed>(sessionId, feed));
        }
    }

    /// <summary>The connection closed: forgets it and returns the sessions it had joined (to detach from).</summary>
    public string[] Untrack(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var connection)) return [];
        var sessions = connection.Sessions.ToArray();
        foreach (var sessionId in sessions)
        {
            if (!_feeds.TryGetValue(sessionId, out var feed)) continue;
            feed.Remove(connectionId);
            DropIfEmpty(sessionId, feed);
        }
        return sessions;
    }

    /// <summary>Sends an event to every connection of a hub on this silo (a drain's notice).</summary>
    internal void SendToAll(HubKind hub, ClientEvent evt) => _sender.SendToAll(hub, evt);

    /// <summary>Closes every connection still here (the end of a drain).</summary>
    internal void AbortAll()
    {
        foreach (var connection in _connections.Values) connection.Abort();
    }

    /// <summary>
    /// A message pushed by its session: each connection gets it in its own seq order. With no connection of this
    /// silo joined to the session, nobody here may get it (a join's reply will carry it).
    /// </summary>
    internal void Deliver(HubKind hub, string[] connectionIds, ClientEvent evt, ChatMessage message)
    {
        if (!_feeds.TryGetValue(message.SessionId, out var feed)) return;
        var gapped = feed.Deliver(_sender, hub, connectionIds, evt, message.Seq, _clock.GetUtcNow());
        if (gapped is null) return;
        foreach (var id in gapped) _gaps.TryAdd((message.SessionId, id), 0);
    }

    /// <summary>The connection was acknowledged a message it sent (<see cref="SessionFeed.Acked"/>).</summary>
    public void Acked(string connectionId, string sessionId, long seq)
    {
        if (_feeds.TryGetValue(sessionId, out var feed)) feed.Acked(connectionId, seq);
    }

    private IConnectionRouter RouterReference()
    {
        if (_routerReference is { } existing) return existing;
        lock (_referenceLock)
        {
            // Made on first use or once Orleans is up, whichever comes first; this object holds the router, so
            // the observer lives as long as the process.
            return _routerReference ??= _grains.CreateObjectReference<IConnectionRouter>(_router);
        }
    }
}
