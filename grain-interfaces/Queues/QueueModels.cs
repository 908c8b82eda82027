namespace Engagement;

/// <summary>A queue's settings.</summary>
/// <param name="Skills">Skills every session in this queue requires unless it names its own.</param>
/// <param name="OfferTimeout">How long an agent has to accept an offer.</param>
/// <param name="SlaTarget">Answer-within target used for the SLA figure.</param>
/// <param name="Hours">When the queue answers live chats; null: always.</param>
/// <param name="PreChatForm">What the visitor is asked before a chat starts or a message is left; null: nothing.</param>
/// <param name="RetentionDays">Resolved conversations idle this many days are erased (docs/protocol.md, Retention); null keeps them.</param>
/// <param name="Routing">Priorities and relaxation steps; null: <see cref="RoutingPolicy.Default"/>.</param>
/// <param name="Sla">Response and resolution targets each session is held to (docs/protocol.md, "SLA policy"); null: none.</param>
[GenerateSerializer, Immutable, Alias("engagement.queue-definition")]
public sealed record QueueDefinition(
    [property: Id(0)] string QueueId,
    [property: Id(1)] string Name,
    [property: Id(2)] string[] Skills,
    [property: Id(3)] TimeSpan OfferTimeout,
    [property: Id(4)] TimeSpan SlaTarget,
    [property: Id(5)] BusinessHours? Hours = null,
    [property: Id(6)] PreChatForm? PreChatForm = null,
    [property: Id(7)] int? RetentionDays = null,
    [property: Id(8)] RoutingPolicy? Routing = null,
    [property: Id(9)] SlaPolicy? Sla = null)
{
    public static readonly TimeSpan DefaultOfferTimeout = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan DefaultSlaTarget = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MinOfferTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxOfferTimeout = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MinSlaTarget = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxSlaTarget = TimeSpan.FromHours(24);
}

/// <summary>A waiting session as the queue holds it.</summary>
/// <param name="EnqueuedAt">When the session began to wait, in its first queue: aging and the SLA count from here.</param>
/// <param name="Priority">The priority it came in with: its queues' and contact's, whichever was highest (aging comes on top).</param>
/// <param name="EnteredAt">When it entered this queue (an overflow or a transfer moves it): the queue's steps count from here.</param>
/// <param name="TransferredFrom">For a transfer to this queue: the agent who made it, offered it only after every other eligible agent.</param>
[GenerateSerializer, Immutable, Alias("engagement.queued-session")]
public sealed record QueuedSession(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string? Topic,
    [property: Id(3)] string[] RequiredSkills,
    [property: Id(4)] DateTimeOffset EnqueuedAt,
    [property: Id(5)] string? OfferedTo,
    [property: Id(6)] DateTimeOffset? OfferExpiresAt,
    [property: Id(7)] string? PreferredAgentId = null,
    [property: Id(8)] int Priority = 0,
    [property: Id(9)] DateTimeOffset? EnteredAt = null,
    [property: Id(10)] string? TransferredFrom = null);

/// <summary>Live figures for one queue.</summary>
[GenerateSerializer, Immutable, Alias("engagement.queue-snapshot")]
public sealed record QueueSnapshot(
    [property: Id(0)] QueueDefinition Definition,
    [property: Id(1)] QueuedSession[] Waiting,
    [property: Id(2)] AgentRoutingState[] Agents,
    [property: Id(3)] TimeSpan? LongestWait,
    [property: Id(4)] int AnsweredTotal,
    [property: Id(5)] int AnsweredWithinSla,
    [property: Id(6)] int Abandoned);

/// <summary>
/// A queue's waiting list as agents see it in the workspace (event <c>queueWaiting</c>): the first
/// <see cref="Limits.WaitingListed"/> sessions in rank order, and how many wait in all.
/// </summary>
/// <param name="CherryPick">Agents may take one of these themselves (<c>PickSession</c>).</param>
/// <param name="Version">The queue's clock: ignore a list older than the last one seen.</param>
[GenerateSerializer, Immutable, Alias("engagement.queue-waiting-list")]
public sealed record QueueWaitingList(
    [property: Id(0)] string QueueId,
    [property: Id(1)] string Name,
    [property: Id(2)] bool CherryPick,
    [property: Id(3)] QueuedSession[] Waiting,
    [property: Id(4)] int Total,
    [property: Id(5)] long Version = 0);
