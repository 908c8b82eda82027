namespace Engagement.Dashboard;

/// <summary>
/// The running sums behind the dashboard's quality figures, kept incrementally from session and invitation
/// events and persisted as the stats grain's state. Averages and rates are computed from them on demand, so
/// nothing is ever recomputed from history. A replaced rating is taken out before the new one goes in.
/// </summary>
[GenerateSerializer, Alias("engagement.quality-counters")]
public sealed class QualityCounters
{
    /// <summary>Distinct outcomes counted one by one; any further ones are counted under <see cref="OtherOutcome"/>.</summary>
    public const int MaxOutcomes = 100;
    public const string OtherOutcome = "other";

    [Id(0)] public long FirstResponses { get; set; }
    [Id(1)] public long FirstResponseTicks { get; set; }
    [Id(2)] public long CsatAnswers { get; set; }
    [Id(3)] public long CsatSum { get; set; }
    [Id(4)] public long Promoters { get; set; }
    [Id(5)] public long Passives { get; set; }
    [Id(6)] public long Detractors { get; set; }
    [Id(7)] public Dictionary<string, int> Outcomes { get; set; } = new(StringComparer.Ordinal);
    [Id(8)] public int ClosedSessions { get; set; }
    [Id(9)] public int InvitationsSent { get; set; }
    [Id(10)] public int InvitationsAccepted { get; set; }

    public void AddFirstResponse(TimeSpan elapsed)
    {
        FirstResponses++;
        FirstResponseTicks += Math.Max(0, elapsed.Ticks);
    }

    public void AddRating(SessionRating? previous, SessionRating rating)
    {
        if (previous is not null) Count(previous, -1);
        Count(rating, +1);
    }

    public void AddClosed(string? outcome)
    {
        ClosedSessions++;
        if (StatsMath.NormalizeOutcome(outcome) is not { } key) return;
        if (!Outcomes.ContainsKey(key) && Outcomes.Count >= MaxOutcomes) key = OtherOutcome;
        Outcomes[key] = Outcomes.GetValueOrDefault(key) + 1;
    }

    /// <summary>An invitation was shown (<paramref name="accepted"/> null) or answered.</summary>
    public void AddInvitation(bool? accepted)
    {
        if (accepted is null) InvitationsSent++;
        else if (accepted.Value) InvitationsAccepted++;
    }

    public QualityStats ToStats(IEnumerable<string> conversionOutcomes, long answered, long answeredWithinSla)
    {
        var conversions = StatsMath.Conversions(Outcomes, conversionOutcomes);
        return new QualityStats(
            StatsMath.AverageDuration(FirstResponseTicks, FirstResponses), (int)FirstResponses,
            StatsMath.Average(CsatSum, CsatAnswers), (int)CsatAnswers,
            StatsMath.Nps(Promoters, Passives, Detractors), (int)(Promoters + Passives + Detractors),
            conversions, new Dictionary<string, int>(Outcomes, StringComparer.Ordinal),
            InvitationsSent, InvitationsAccepted,
            StatsMath.Rate(InvitationsAccepted, InvitationsSent),
            ClosedSessions,
            StatsMath.Rate(conversions, ClosedSessions),
            StatsMath.ServiceLevel(answered, answeredWithinSla));
    }

    private void Count(SessionRating rating, int sign)
    {
        CsatAnswers += sign;
        CsatSum += sign * rating.Csat;
        if (rating.Nps is not { } nps) return;
        switch (StatsMath.BandOf(nps))
        {
            case NpsBand.Promoter: Promoters += sign; break;
            case NpsBand.Passive: Passives += sign; break;
            default: Detractors += sign; break;
        }
    }
}
