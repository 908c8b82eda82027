namespace Engagement;

/// <summary>Live figures of one queue for the supervisor dashboard.</summary>
/// <param name="ServiceLevel">Share (0–1) of answered sessions answered within <see cref="SlaTarget"/>; null before the first answer.</param>
/// <param name="Version">The queue's clock: the dashboard grain drops figures older than the ones it holds (one-way calls may overtake).</param>
[GenerateSerializer, Immutable, Alias("engagement.queue-stats")]
public sealed record QueueStats(
    [property: Id(0)] string QueueId,
    [property: Id(1)] string Name,
    [property: Id(2)] int Waiting,
    [property: Id(3)] DateTimeOffset? OldestWaitingSince,
    [property: Id(4)] int Answered,
    [property: Id(5)] int AnsweredWithinSla,
    [property: Id(6)] int Abandoned,
    [property: Id(7)] TimeSpan SlaTarget,
    [property: Id(8)] int AgentsAvailable,
    [property: Id(9)] int AgentsBusy,
    [property: Id(10)] int AgentsAway,
    [property: Id(11)] double? ServiceLevel = null,
    [property: Id(12)] long Version = 0);

/// <summary>An agent's presence and load as the dashboard shows it.</summary>
/// <param name="Version">The agent's clock: the dashboard grain drops a load older than the one it holds.</param>
/// <param name="AwayReason">The reason the agent gave with away (lunch, training), null otherwise.</param>
/// <param name="ChosenSince">When the agent last chose a status (or reason): the dashboard shows the time in it.</param>
/// <param name="SessionIds">The agent's active sessions, which a supervisor may monitor (docs/protocol.md, "Agent hub: supervision").</param>
[GenerateSerializer, Immutable, Alias("engagement.agent-load")]
public sealed record AgentLoad(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] AgentPresence Presence,
    [property: Id(3)] int ActiveSessions,
    [property: Id(4)] int Capacity,
    [property: Id(5)] long Version = 0,
    [property: Id(6)] string? AwayReason = null,
    [property: Id(7)] DateTimeOffset? ChosenSince = null,
    [property: Id(8)] string[]? SessionIds = null);

/// <summary>Service quality over all queues, kept incrementally from session events.</summary>
/// <param name="AverageFirstResponse">Mean time from acceptance to the agent's first reply.</param>
/// <param name="Nps">Net promoter score (% promoters − % detractors), null without NPS answers.</param>
/// <param name="InvitationAcceptanceRate">Accepted / sent proactive invitations (0–1), null before the first one.</param>
/// <param name="ClosedSessions">Sessions closed (with or without an outcome).</param>
/// <param name="ConversionRate">Conversions / closed sessions (0–1), null before the first close.</param>
/// <param name="ServiceLevel">Over all queues: answered within their SLA / answered (0–1), null before the first answer.</param>
[GenerateSerializer, Immutable, Alias("engagement.quality-stats")]
public sealed record QualityStats(
    [property: Id(0)] TimeSpan? AverageFirstResponse,
    [property: Id(1)] int FirstResponses,
    [property: Id(2)] double? AverageCsat,
    [property: Id(3)] int CsatAnswers,
    [property: Id(4)] double? Nps,
    [property: Id(5)] int NpsAnswers,
    [property: Id(6)] int Conversions,
    [property: Id(7)] Dictionary<string, int> Outcomes,
    [property: Id(8)] int InvitationsSent,
    [property: Id(9)] int InvitationsAccepted,
    [property: Id(10)] double? InvitationAcceptanceRate = null,
    [property: Id(11)] int ClosedSessions = 0,
    [property: Id(12)] double? ConversionRate = null,
    [property: Id(13)] double? ServiceLevel = null);

/// <summary>Everything the supervisor dashboard shows; pushed as a whole on change (throttled).</summary>
[GenerateSerializer, Immutable, Alias("engagement.dashboard")]
public sealed record DashboardSnapshot(
    [property: Id(0)] QueueStats[] Queues,
    [property: Id(1)] AgentLoad[] Agents,
    [property: Id(2)] QualityStats Quality,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] long Version);

/// <summary>A session event the statistics need, sent one-way by the session.</summary>
public enum SessionStatKind
{
    FirstResponse = 0,
    Rated = 1,
    Closed = 2,
}

/// <param name="PreviousRating">For <see cref="SessionStatKind.Rated"/>: the rating this one replaces, so the averages stay exact.</param>
[GenerateSerializer, Immutable, Alias("engagement.session-stat")]
public sealed record SessionStat(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string QueueId,
    [property: Id(2)] SessionStatKind Kind,
    [property: Id(3)] TimeSpan? FirstResponse,
    [property: Id(4)] SessionRating? Rating,
    [property: Id(5)] string? Outcome,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] SessionRating? PreviousRating = null);
