namespace Engagement.Sessions;

/// <summary>
/// The SLA part of a session's persisted state (<see cref="SessionState.Sla"/>): the targets fixed when it was queued,
/// the clocks running, and the breaches so far. Due times are stored, so a new activation resumes the clocks.
/// </summary>
[GenerateSerializer, Alias("engagement.session-sla-state")]
public sealed class SlaState
{
    /// <summary>The queue's policy with the band of the session's priority applied, as it was when the session was queued.</summary>
    [Id(0)] public SlaTargets Targets { get; set; } = new(null, null, null);
    /// <summary>The queue's hours, when the policy counts business hours only; null: every hour counts.</summary>
    [Id(1)] public BusinessHours? Hours { get; set; }
    [Id(2)] public int Priority { get; set; }
    /// <summary>The clocks running now: at most one of each kind.</summary>
    [Id(3)] public List<SlaClock> Running { get; set; } = [];
    [Id(4)] public int FirstResponseBreaches { get; set; }
    [Id(5)] public int NextResponseBreaches { get; set; }
    [Id(6)] public int ResolutionBreaches { get; set; }

    public int Breaches => FirstResponseBreaches + NextResponseBreaches + ResolutionBreaches;
}

/// <summary>One running clock.</summary>
/// <param name="DueAt">Null when the queue stays closed past the calendar's look-ahead: never due.</param>
/// <param name="AtRiskAt">When a quarter of the target remains.</param>
/// <param name="AtRisk">The board was told it is at risk.</param>
/// <param name="Breached">It passed <paramref name="DueAt"/>, and the breach was recorded.</param>
[GenerateSerializer, Immutable, Alias("engagement.sla-clock")]
public sealed record SlaClock(
    [property: Id(0)] SlaKind Kind,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] DateTimeOffset? DueAt,
    [property: Id(3)] DateTimeOffset? AtRiskAt,
    [property: Id(4)] bool AtRisk = false,
    [property: Id(5)] bool Breached = false);
