namespace Engagement;

/// <summary>What the agent chose in the workspace.</summary>
public enum AgentChosenStatus
{
    Available = 0,
    Away = 1,
}

/// <summary>Presence derived from the chosen status, live connections and load.</summary>
public enum AgentPresence
{
    Offline = 0,
    Available = 1,
    Busy = 2,
    Away = 3,
}

public enum StaffRole
{
    Agent = 0,
    Supervisor = 1,
    Admin = 2,
    /// <summary>Runs the cluster: the cluster view, drains, the Orleans dashboard; no customer data, no chats.</summary>
    Operator = 3,
}

/// <summary>An agent's profile and routing settings.</summary>
/// <param name="Capacity">How many chats the agent handles at once (1..50).</param>
/// <param name="Queues">Queues the agent takes sessions from.</param>
/// <param name="SkillLevels">Level (1 to <see cref="Limits.SkillLevelMax"/>) of some of <see cref="Skills"/>; a skill left out is level 1.</param>
/// <param name="CallCapacity">Calls at once (1 to <see cref="Limits.CallCapacityMax"/>); null: <see cref="DefaultCallCapacity"/>.</param>
/// <param name="CallBlocksChats">While in a call the agent is offered no new chat (they count as full).</param>
[GenerateSerializer, Immutable, Alias("engagement.agent-profile")]
public sealed record AgentProfile(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string Email,
    [property: Id(3)] StaffRole Role,
    [property: Id(4)] string[] Skills,
    [property: Id(5)] int Capacity,
    [property: Id(6)] string[] Queues,
    [property: Id(7)] string? Title = null,
    [property: Id(8)] string? PhotoUrl = null,
    [property: Id(9)] Dictionary<string, int>? SkillLevels = null,
    [property: Id(10)] int? CallCapacity = null,
    [property: Id(11)] bool CallBlocksChats = false)
{
    /// <summary>Calls at once when <see cref="CallCapacity"/> is not set.</summary>
    public const int DefaultCallCapacity = 1;

    /// <summary>How many sessions may have a call with this agent at once.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int CallsAtOnce => CallCapacity ?? DefaultCallCapacity;
}

/// <summary>An offer shown to an agent: accept before <see cref="ExpiresAt"/> or it goes to the next agent.</summary>
/// <param name="TransferFrom">Set when a colleague hands over their active session: the agent it comes from (the offer is then the session's, not a queue's).</param>
/// <param name="Note">The colleague's private note with the transfer or the invite.</param>
/// <param name="InvitedBy">
/// Set when a colleague invites this agent into their active session (docs/protocol.md, Agent hub: conference): the
/// agent who invites. Accepting makes this agent a member of the session; the session stays the colleague's.
/// </param>
[GenerateSerializer, Immutable, Alias("engagement.offer")]
public sealed record SessionOffer(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string QueueId,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] string? Topic,
    [property: Id(4)] DateTimeOffset OfferedAt,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] string? TransferFrom = null,
    [property: Id(7)] string? Note = null,
    [property: Id(8)] string? InvitedBy = null);

/// <summary>Tells an agent's clients that an offer is gone.</summary>
[GenerateSerializer, Immutable, Alias("engagement.offer-revoked")]
public sealed record OfferRevoked(
    [property: Id(0)] string SessionId,
    [property: Id(1)] OfferEndReason Reason);

/// <summary>An agent's live status: presence, load, offers and sessions.</summary>
/// <param name="AwayReason">The reason given with away (<c>SetAway</c>), null otherwise.</param>
/// <param name="ChosenSince">When the chosen status or its reason last changed (null before the first change).</param>
[GenerateSerializer, Immutable, Alias("engagement.agent-status")]
public sealed record AgentStatus(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] AgentPresence Presence,
    [property: Id(3)] AgentChosenStatus Chosen,
    [property: Id(4)] int Capacity,
    [property: Id(5)] string[] ActiveSessions,
    [property: Id(6)] SessionOffer[] PendingOffers,
    [property: Id(7)] int Connections,
    [property: Id(8)] DateTimeOffset IdleSince,
    [property: Id(9)] string? AwayReason = null,
    [property: Id(10)] DateTimeOffset? ChosenSince = null);

/// <summary>What a queue needs to know to route to an agent. A queue ignores a state older than the one it holds (<see cref="Version"/>).</summary>
[GenerateSerializer, Immutable, Alias("engagement.agent-routing")]
public sealed record AgentRoutingState(
    [property: Id(0)] string AgentId,
    [property: Id(1)] AgentPresence Presence,
    [property: Id(2)] string[] Skills,
    [property: Id(3)] int Capacity,
    [property: Id(4)] int Load,
    [property: Id(5)] DateTimeOffset IdleSince,
    [property: Id(6)] long Version = 0,
    [property: Id(7)] Dictionary<string, int>? SkillLevels = null);
