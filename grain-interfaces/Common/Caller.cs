namespace Engagement;

/// <summary>Who is calling a grain, as established by the API layer from a verified token.</summary>
public enum CallerKind
{
    Visitor = 0,
    Agent = 1,
    Supervisor = 2,
    Admin = 3,
    System = 4,
}

/// <summary>The authenticated principal behind a grain call. Grains authorize on it; they never trust ids in payloads.</summary>
/// <param name="Kind">Role of the caller.</param>
/// <param name="Id">Customer id for visitors, agent id for staff, a component name for System.</param>
/// <param name="DisplayName">Name shown to the other party.</param>
[GenerateSerializer, Immutable, Alias("engagement.caller")]
public sealed record Caller(
    [property: Id(0)] CallerKind Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] string? DisplayName = null)
{
    public static Caller System(string component) => new(CallerKind.System, component, component);
    public static Caller Visitor(string customerId, string? name = null) => new(CallerKind.Visitor, customerId, name);
    public static Caller Agent(string agentId, string? name = null) => new(CallerKind.Agent, agentId, name);

    /// <summary>Staff who may watch any session: supervisors, admins and the system itself.</summary>
    public bool IsPrivileged => Kind is CallerKind.Supervisor or CallerKind.Admin or CallerKind.System;

    /// <summary>Staff who can take chats (supervisors and admins can also act as agents).</summary>
    public bool IsStaff => Kind is CallerKind.Agent or CallerKind.Supervisor or CallerKind.Admin;
}
