namespace Engagement;

/// <summary>
/// A session's SLA as staff see it (<see cref="SessionView.Sla"/>; its visitor never does): the running clock due
/// soonest, and the breaches so far. Clients count down to <see cref="DueAt"/> themselves: the server sends a new view
/// only when a clock starts, stops, turns at risk or is breached.
/// </summary>
/// <param name="Kind">The running clock due soonest; null when none runs (all met, or the session ended).</param>
/// <param name="StartedAt">When that clock started (queued, or the visitor's oldest unanswered message).</param>
/// <param name="DueAt">When it is due; null when the queue stays closed past the calendar's look-ahead.</param>
/// <param name="AtRiskAt">When a quarter of its target remains (<see cref="SlaPolicy.AtRiskRemaining"/>): shown as a warning from then.</param>
/// <param name="Breached">That clock is past due and still running.</param>
/// <param name="Paused">The policy counts business hours only and the queue is closed now.</param>
/// <param name="Breaches">Breaches of this session so far, of every kind.</param>
[GenerateSerializer, Immutable, Alias("engagement.session-sla-view")]
public sealed record SessionSlaView(
    [property: Id(0)] SlaKind? Kind,
    [property: Id(1)] DateTimeOffset? StartedAt,
    [property: Id(2)] DateTimeOffset? DueAt,
    [property: Id(3)] DateTimeOffset? AtRiskAt,
    [property: Id(4)] bool Breached,
    [property: Id(5)] bool Paused,
    [property: Id(6)] int Breaches);

/// <summary>The payload of the webhook event <c>session.sla_breached</c>: one clock of one session passed its due time.</summary>
/// <param name="AgentId">The assigned agent when it was breached; null while the session waited.</param>
/// <param name="Priority">The session's priority, which chose its targets (the queue's SLA bands).</param>
[GenerateSerializer, Immutable, Alias("engagement.sla-breach")]
public sealed record SlaBreach(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string QueueId,
    [property: Id(2)] SlaKind Kind,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] DateTimeOffset DueAt,
    [property: Id(5)] TimeSpan Target,
    [property: Id(6)] string? AgentId,
    [property: Id(7)] int Priority);
