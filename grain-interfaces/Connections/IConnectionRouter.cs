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

/// <summary>One event pushed to clients: the client-side method name and its payload (a serializable record).</summary>
[GenerateSerializer, Immutable, Alias("engagement.client-event")]
public sealed record ClientEvent(
    [property: Id(0)] string Name,
    [property: Id(1)] object Payload);

/// <summary>
/// One per silo: delivers events to the SignalR connections that silo holds. Grains call it directly
/// (it is a grain observer), so a push is a single hop from any grain to any connection.
/// </summary>
[Alias("engagement.IConnectionRouter")]
public interface IConnectionRouter : IGrainObserver
{
    /// <summary>Sends <paramref name="evt"/> to the listed connections of one hub held by this silo.</summary>
    [OneWay, Alias("push")]
    Task Push(HubKind hub, string[] connectionIds, ClientEvent evt);

    /// <summary>Sends <paramref name="evt"/> to this silo's connections in a watch group (<see cref="WatchGroups"/>).</summary>
    [OneWay, Alias("broadcast")]
    Task Broadcast(HubKind hub, string group, ClientEvent evt);
}

/// <summary>Names of the events clients receive (documented in docs/protocol.md).</summary>
public static class ClientEvents
{
    public const string Message = "message";
    public const string Session = "session";
    public const string QueuePosition = "queuePosition";
    public const string Offer = "offer";
    public const string OfferRevoked = "offerRevoked";
    public const string AgentStatus = "agentStatus";
    public const string Typing = "typing";
    public const string CustomerPresence = "customerPresence";
    public const string CustomerContext = "customerContext";
    public const string Read = "read";
    public const string Note = "note";
    public const string Invitation = "invitation";
    public const string DirectoryPresence = "directoryPresence";
    public const string SiteVisitor = "siteVisitor";
    public const string SiteVisitorLeft = "siteVisitorLeft";
    public const string VisitorAlert = "visitorAlert";
    public const string Dashboard = "dashboard";
    public const string Representative = "representative";
    public const string Call = "call";
    public const string CallTrack = "callTrack";
}
