namespace Engagement;

/// <summary>
/// How a queue bends while a session waits, in the TaskRouter manner: the priority a session starts with, what
/// raises it, and steps that relax who may take it (docs/protocol.md, "Routing policy").
/// </summary>
/// <param name="Priority">The priority every session of this queue starts with (0 to <see cref="Limits.Priority"/>). It travels with the session when it overflows or is transferred.</param>
/// <param name="PriorityRules">Contact attributes that raise a session's priority (a VIP plan, a key account).</param>
/// <param name="AgingPerMinute">Priority points a session gains for each minute it has waited, counted from its first queue.</param>
/// <param name="SkillLevel">The level (1 to <see cref="Limits.SkillLevelMax"/>) an agent needs in every required skill until a step lowers it.</param>
/// <param name="Steps">Relaxation steps, each reached when the session has waited <see cref="RoutingStep.After"/> in this queue.</param>
/// <param name="CherryPick">Agents may take a waiting session from the queue's list themselves (<c>PickSession</c>), besides the offers.</param>
[GenerateSerializer, Immutable, Alias("engagement.routing-policy")]
public sealed record RoutingPolicy(
    [property: Id(0)] int Priority = 0,
    [property: Id(1)] PriorityRule[]? PriorityRules = null,
    [property: Id(2)] int AgingPerMinute = 0,
    [property: Id(3)] int SkillLevel = 1,
    [property: Id(4)] RoutingStep[]? Steps = null,
    [property: Id(5)] bool CherryPick = false)
{
    /// <summary>The policy of a queue that sets none: arrival order, any level of the skills, no steps.</summary>
    public static readonly RoutingPolicy Default = new();
}

/// <summary>A contact whose attribute <see cref="Attribute"/> equals <see cref="Value"/> (ignoring case) gets <see cref="Boost"/> more priority.</summary>
[GenerateSerializer, Immutable, Alias("engagement.priority-rule")]
public sealed record PriorityRule(
    [property: Id(0)] string Attribute,
    [property: Id(1)] string Value,
    [property: Id(2)] int Boost);

/// <summary>
/// One relaxation step: once a session has waited <see cref="After"/> in the queue, exactly one of these applies.
/// </summary>
/// <param name="SkillLevel">Agents with at least this level in the required skills may take it.</param>
/// <param name="AnyAgent">Any agent serving the queue may take it, whatever their skills.</param>
/// <param name="OverflowTo">The session moves to this queue, keeping its wait and priority.</param>
/// <param name="OfferLeaveMessage">The visitor is offered to leave a message instead of waiting (<see cref="QueuePosition.LeaveMessageOffered"/>).</param>
[GenerateSerializer, Immutable, Alias("engagement.routing-step")]
public sealed record RoutingStep(
    [property: Id(0)] TimeSpan After,
    [property: Id(1)] int? SkillLevel = null,
    [property: Id(2)] bool AnyAgent = false,
    [property: Id(3)] string? OverflowTo = null,
    [property: Id(4)] bool OfferLeaveMessage = false)
{
    public static readonly TimeSpan MinAfter = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxAfter = TimeSpan.FromHours(24);
}
