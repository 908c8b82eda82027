namespace Engagement.Dashboard;

/// <summary>The dashboard's formulas, in one place so they are tested once.</summary>
public static class StatsMath
{
    /// <summary>NPS answers 9–10 are promoters, 7–8 passives, 0–6 detractors.</summary>
    public static NpsBand BandOf(int nps) => nps >= 9 ? NpsBand.Promoter : nps >= 7 ? NpsBand.Passive : NpsBand.Detractor;

    /// <summary>Net promoter score: % promoters − % detractors, from −100 to 100; null without answers.</summary>
    public static double? Nps(long promoters, long passives, long detractors)
    {
        var answers = promoters + passives + detractors;
        return answers == 0 ? null : Math.Round(100.0 * (promoters - detractors) / answers, 1);
    }

    /// <summary>A share from 0 to 1, rounded to four places; null when there is nothing to divide by.</summary>
    public static double? Rate(long part, long whole) => whole <= 0 ? null : Math.Round((double)part / whole, 4);

    /// <summary>The mean of a sum over a count, rounded to two places; null when nothing was counted.</summary>
    public static double? Average(long sum, long count) => count <= 0 ? null : Math.Round((double)sum / count, 2);

    /// <summary>The mean duration, to the millisecond; null when nothing was counted.</summary>
    public static TimeSpan? AverageDuration(long totalTicks, long count) =>
        count <= 0 ? null : TimeSpan.FromMilliseconds(Math.Round(TimeSpan.FromTicks(totalTicks / count).TotalMilliseconds));

    /// <summary>Share of answered sessions answered within the SLA target.</summary>
    public static double? ServiceLevel(long answered, long answeredWithinSla) => Rate(answeredWithinSla, answered);

    /// <summary>Outcomes are compared and counted trimmed and in lower case ("Sale " and "sale" are one outcome).</summary>
    public static string? NormalizeOutcome(string? outcome) =>
        string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim().ToLowerInvariant();

    /// <summary>How many closed sessions ended in one of the <paramref name="conversionOutcomes"/>.</summary>
    public static int Conversions(IReadOnlyDictionary<string, int> outcomes, IEnumerable<string> conversionOutcomes) =>
        conversionOutcomes.Select(NormalizeOutcome).OfType<string>().Distinct().Sum(o => outcomes.GetValueOrDefault(o));
}

public enum NpsBand
{
    Detractor = 0,
    Passive = 1,
    Promoter = 2,
}
