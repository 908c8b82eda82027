namespace Engagement.Sessions;

/// <summary>
/// Pure rules of a session's SLA clocks: starting one (its due time counted in open time when the policy says
/// business hours only, by <see cref="BusinessCalendar.AddOpenTime"/>), what is due by an instant, and the view staff get.
/// </summary>
public static class SlaClocks
{
    /// <summary>Starts the clock of <paramref name="kind"/> at <paramref name="at"/>, unless it has no target or already runs; returns it, or null.</summary>
    public static SlaClock? Start(SlaState sla, SlaKind kind, DateTimeOffset at)
    {
        if (sla.Targets.Of(kind) is not { } target || sla.Running.Any(c => c.Kind == kind)) return null;
        var clock = new SlaClock(kind, at,
            BusinessCalendar.AddOpenTime(sla.Hours, at, target),
            BusinessCalendar.AddOpenTime(sla.Hours, at, target * (1 - SlaPolicy.AtRiskRemaining)));
        sla.Running.Add(clock);
        return clock;
    }

    /// <summary>Stops the running clock of <paramref name="kind"/>; returns it, or null when none ran.</summary>
    public static SlaClock? Stop(SlaState sla, SlaKind kind)
    {
        var index = sla.Running.FindIndex(c => c.Kind == kind);
        if (index < 0) return null;
        var clock = sla.Running[index];
        sla.Running.RemoveAt(index);
        return clock;
    }

    /// <summary>A clock stopped at <paramref name="at"/> after its due time that was not yet recorded as breached (its timer had not fired).</summary>
    public static bool LateUnrecorded(SlaClock clock, DateTimeOffset at) => !clock.Breached && clock.DueAt <= at;

    /// <summary>Counts a breach of <paramref name="kind"/>.</summary>
    public static void CountBreach(SlaState sla, SlaKind kind)
    {
        switch (kind)
        {
            case SlaKind.FirstResponse: sla.FirstResponseBreaches++; break;
            case SlaKind.NextResponse: sla.NextResponseBreaches++; break;
            default: sla.ResolutionBreaches++; break;
        }
    }

    /// <summary>The next instant a running clock turns at risk or is breached; null when none will.</summary>
    public static DateTimeOffset? NextEvent(SlaState sla) => sla.Running
        .SelectMany(c => new[] { c.AtRisk || c.Breached ? null : c.AtRiskAt, c.Breached ? null : c.DueAt })
        .Where(at => at is not null)
        .Min();

    /// <summary>The session's SLA as staff see it at <paramref name="now"/>; null without a policy.</summary>
    public static SessionSlaView? ViewOf(SlaState? sla, DateTimeOffset now)
    {
        if (sla is null) return null;
        var paused = sla.Hours is not null && !BusinessCalendar.IsOpen(sla.Hours, now);
        var soonest = sla.Running.OrderBy(c => c.DueAt ?? DateTimeOffset.MaxValue).FirstOrDefault();
        return soonest is null
            ? new SessionSlaView(null, null, null, null, false, paused, sla.Breaches)
            : new SessionSlaView(soonest.Kind, soonest.StartedAt, soonest.DueAt, soonest.AtRiskAt, soonest.Breached || soonest.DueAt <= now, paused, sla.Breaches);
    }
}
