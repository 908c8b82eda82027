namespace Engagement;

/// <summary>How close a session's SLA clock is to its due time.</summary>
public enum SlaAlertLevel
{
    /// <summary>A quarter of the target or less remains.</summary>
    AtRisk = 0,
    /// <summary>Past due, and the clock still runs.</summary>
    Breached = 1,
}

/// <summary>One running SLA clock at risk or in breach, as the supervisor dashboard lists it.</summary>
/// <param name="AgentId">The assigned agent; null while the session waits.</param>
[GenerateSerializer, Immutable, Alias("engagement.sla-alert")]
public sealed record SlaAlert(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string QueueId,
    [property: Id(2)] SlaKind Kind,
    [property: Id(3)] SlaAlertLevel Level,
    [property: Id(4)] DateTimeOffset DueAt,
    [property: Id(5)] string? AgentId);

/// <summary>One queue's breaches today (the site's day, <c>Engagement:Reports:TimeZone</c>).</summary>
[GenerateSerializer, Immutable, Alias("engagement.sla-queue-breaches")]
public sealed record SlaQueueBreaches(
    [property: Id(0)] string QueueId,
    [property: Id(1)] int Breaches);

/// <summary>
/// The live SLA board (event <c>slaBoard</c>, hub method <c>WatchSla</c>): every running clock at risk or in breach,
/// most urgent first, and each queue's breaches today. Pushed whole on change, like the dashboard.
/// </summary>
/// <param name="Day">The site's date the breach counts are of.</param>
/// <param name="Version">Ignore a board older than the last one seen.</param>
[GenerateSerializer, Immutable, Alias("engagement.sla-board")]
public sealed record SlaBoard(
    [property: Id(0)] SlaAlert[] Alerts,
    [property: Id(1)] SlaQueueBreaches[] Queues,
    [property: Id(2)] DateOnly Day,
    [property: Id(3)] long Version);
