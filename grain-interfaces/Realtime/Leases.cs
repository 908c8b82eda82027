namespace Engagement;

/// <summary>The kinds of grain that client connections listen to.</summary>
public enum ListenerKind
{
    /// <summary>An agent's workspace connections (presence, offers, status).</summary>
    Agent = 0,
    /// <summary>A visitor's tabs (presence, invitations).</summary>
    Customer = 1,
    /// <summary>The connections that joined a session (messages and session events).</summary>
    Session = 2,
}

/// <summary>A grain that connections listen to: its kind and public id.</summary>
[GenerateSerializer, Immutable, Alias("engagement.listener-key")]
public readonly record struct ListenerKey(
    [property: Id(0)] ListenerKind Kind,
    [property: Id(1)] string Id);

/// <summary>
/// A session listener's lease, renewed by the silo holding the connection: who joined, through which
/// connection, and the highest seq that connection has been given. A session that finds the cursor behind
/// its transcript sends the rest.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.session-lease")]
public sealed record SessionLease(
    [property: Id(0)] Caller Caller,
    [property: Id(1)] ConnectionRef Connection,
    [property: Id(2)] long Cursor);

/// <summary>
/// A connection's lease on the grain it keeps present, as its silo holds it: the connection and, for a visitor's
/// tab, the page it shows now (null for an agent's workspace). What a new activation of an agent or a customer
/// asks every silo for before it answers anything (<see cref="IConnectionRouter.Leases"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.presence-lease")]
public sealed record PresenceLease(
    [property: Id(0)] ConnectionRef Connection,
    [property: Id(1)] VisitorLocation? Location);

/// <summary>A visitor tab's lease on its customer: the connection and the page it shows now.</summary>
[GenerateSerializer, Immutable, Alias("engagement.visitor-lease")]
public sealed record VisitorLease(
    [property: Id(0)] ConnectionRef Connection,
    [property: Id(1)] VisitorLocation Location);
