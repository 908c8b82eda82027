namespace Engagement;

/// <summary>Which SignalR hub a connection belongs to.</summary>
public enum HubKind
{
    Visitor = 0,
    Agent = 1,
}

/// <summary>
/// A live client connection, as grains see it: the connection id plus the router of the silo that holds it,
/// so a grain reaches the connection in one hop wherever the grain lives.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.connection-ref")]
public sealed record ConnectionRef(
    [property: Id(0)] string ConnectionId,
    [property: Id(1)] HubKind Hub,
    [property: Id(2)] IConnectionRouter Router,
    [property: Id(3)] SiloAddress Silo);

/// <summary>
/// One per silo: delivers events to the SignalR connections that silo holds, and renews, on request, the
/// listener leases those connections hold on grains. Grains call it directly (it is a grain observer), so a
/// push is a single hop from any grain to any connection.
/// </summary>
[Alias("engagement.IConnectionRouter")]
public interface IConnectionRouter : IGrainObserver
{
    /// <summary>
    /// Sends <paramref name="evt"/> to the listed connections of one hub held by this silo. <c>message</c>
    /// events reach each connection in seq order with no gaps (the router holds early ones and asks the session
    /// for what it missed).
    /// </summary>
    [OneWay, Alias("push")]
    Task Push(HubKind hub, string[] connectionIds, ClientEvent evt);

    /// <summary>Sends <paramref name="evt"/> to this silo's connections in a watch group (<see cref="WatchGroups"/>).</summary>
    [OneWay, Alias("broadcast")]
    Task Broadcast(HubKind hub, string group, ClientEvent evt);

    /// <summary>
    /// A session (re)activated without its listeners: this silo renews, at once, every lease its connections
    /// hold on <paramref name="listener"/> (with their cursors).
    /// </summary>
    [OneWay, Alias("reannounce")]
    Task Reannounce(ListenerKey listener);

    /// <summary>
    /// An agent or a customer (re)activated without its listeners asks every silo this before it answers its first
    /// call: the leases this silo's connections hold on <paramref name="listener"/>, as a renewal would carry them.
    /// Its presence is then right from that first answer, not "offline" until renewals arrive.
    /// </summary>
    [Alias("leases")]
    Task<PresenceLease[]> Leases(ListenerKey listener);
}
