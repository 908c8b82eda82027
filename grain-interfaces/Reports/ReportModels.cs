namespace Engagement;

/// <summary>How a report's series cuts its interval: local hours or local days of the site's time zone.</summary>
public enum ReportBucket
{
    Hour = 0,
    Day = 1,
}

/// <summary>What a report asks for: sessions requested in [<paramref name="From"/>, <paramref name="To"/>), optionally one queue's or one agent's.</summary>
/// <param name="TimeZone">The IANA zone buckets are cut in (the site's, <c>Engagement:Reports:TimeZone</c>).</param>
/// <param name="AgentId">Only sessions this agent answered.</param>
public sealed record ReportQuery(
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    string? QueueId = null,
    string? AgentId = null);

/// <summary>The figures of a set of sessions (docs/protocol.md, Reports). Rates are 0–1; durations in seconds; null when nothing was counted.</summary>
/// <param name="Sessions">Sessions requested (every outcome).</param>
/// <param name="Abandoned">The visitor left before an agent answered, <paramref name="Missed"/> included.</param>
/// <param name="Missed">Of the abandoned: offered to an agent at least once first.</param>
/// <param name="Waiting">Still waiting for an agent.</param>
/// <param name="AnswerRate">Answered over answered + abandoned (waiting sessions are not decided yet).</param>
/// <param name="AbandonmentRate">Abandoned over answered + abandoned.</param>
/// <param name="AverageFirstResponseSeconds">Answered → the agent's first message.</param>
/// <param name="P90FirstResponseSeconds">The 90th percentile of the same.</param>
/// <param name="AverageHandleSeconds">Answered → closed, wrap-up included; closed sessions only.</param>
/// <param name="ServiceLevel">Answered within the queue's SLA target (from queued) over answered.</param>
/// <param name="FirstResponseBreaches">SLA breaches of first-response targets (docs/protocol.md, SLA policy); likewise next-response and resolution.</param>
/// <param name="SessionsBreached">Sessions with at least one SLA breach.</param>
public sealed record ReportFigures(
    long Sessions,
    long Answered,
    long Abandoned,
    long Missed,
    long Waiting,
    double? AnswerRate,
    double? AbandonmentRate,
    double? AverageFirstResponseSeconds,
    double? P90FirstResponseSeconds,
    double? AverageHandleSeconds,
    double? AverageCsat,
    long CsatAnswers,
    double? ServiceLevel,
    long FirstResponseBreaches = 0,
    long NextResponseBreaches = 0,
    long ResolutionBreaches = 0,
    long SessionsBreached = 0)
{
    public static readonly ReportFigures None = new(0, 0, 0, 0, 0, null, null, null, null, null, null, 0, null);
}

/// <summary>One queue's or agent's figures in a summary; <paramref name="Name"/> as it is now (the id when it is gone).</summary>
public sealed record ReportRow(string Id, string Name, ReportFigures Figures);

/// <summary>The figures of an interval, in all and per queue and per agent (sessions they answered), busiest first.</summary>
public sealed record ReportSummary(
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    string? QueueId,
    string? AgentId,
    ReportFigures Total,
    ReportRow[] Queues,
    ReportRow[] Agents);

/// <summary>One bucket of a series: its start (a local hour's or midnight's instant) and its figures.</summary>
public sealed record ReportPoint(DateTimeOffset Start, ReportFigures Figures);

/// <summary>The figures of an interval bucket by bucket, every bucket present (empty ones with zero sessions), oldest first.</summary>
public sealed record ReportSeries(
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    ReportBucket Bucket,
    string? QueueId,
    string? AgentId,
    ReportPoint[] Points);
