namespace Engagement.Api.Realtime;

/// <summary>Which grain keeps a connection's liveness: the customer (visitor hub) or the agent (agent hub).</summary>
public enum OwnerKind
{
    Customer = 0,
    Agent = 1,
}

/// <summary>The grain a connection reports to: its kind and public id.</summary>
public readonly record struct ConnectionOwner(OwnerKind Kind, string Id);
