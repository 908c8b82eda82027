namespace Engagement.Context.Rules;

/// <summary>
/// Decides which proactive rules fire for a visit. Pure: the customer grain supplies the visit and acts on the
/// decisions (invites, alerts) and schedules a re-check for dwell times that are still running.
/// </summary>
public static class RuleEvaluator
{
    /// <summary>The decisions for rules that fire now or may fire later on this page; rules that cannot are left out.</summary>
    public static List<RuleDecision> Evaluate(IEnumerable<ProactiveRule> rules, VisitSnapshot visit, IReadOnlySet<string> firedThisVisit)
    {
        var decisions = new List<RuleDecision>();
        var path = PathOf(visit.Page);
        foreach (var rule in rules)
        {
            if (!rule.Enabled || firedThisVisit.Contains(rule.RuleId)) continue;
            if (rule.PagePattern is { } pattern && (path is null || !path.Contains(pattern, StringComparison.OrdinalIgnoreCase))) continue;
            if (rule.ReturningWithinDays is { } days && !IsReturning(visit, days, rule.RequireOpenSession)) continue;
            // An invitation only makes sense to someone looking at the site who has not already asked for help on this visit.
            if (rule.Action == ProactiveAction.InviteVisitor && (!visit.InForeground || StartedSessionThisVisit(visit))) continue;
            if (rule.MinSecondsOnPage is { } seconds && visit.PageSince.AddSeconds(seconds) is var due && due > visit.Now)
            {
                decisions.Add(new RuleDecision(rule, false, due));
                continue;
            }
            decisions.Add(new RuleDecision(rule, true, null));
        }
        return decisions;
    }

    /// <summary>The path of a page given as a path ("/pricing?plan=pro") or a full URL; null when there is none.</summary>
    public static string? PathOf(string? page)
    {
        if (string.IsNullOrWhiteSpace(page)) return null;
        if (Uri.TryCreate(page, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") return absolute.AbsolutePath;
        var end = page.IndexOfAny(['?', '#']);
        return end < 0 ? page : page[..end];
    }

    /// <summary>A session that started before this visit, within the last <paramref name="days"/> (and, if asked, still open).</summary>
    private static bool IsReturning(VisitSnapshot visit, int days, bool requireOpen) =>
        visit.SessionStarts.Any(s =>
            s.Value < visit.VisitStart
            && visit.Now - s.Value <= TimeSpan.FromDays(days)
            && (!requireOpen || visit.OpenSessions.Contains(s.Key)));

    private static bool StartedSessionThisVisit(VisitSnapshot visit) =>
        visit.OpenSessions.Any(id => visit.SessionStarts.TryGetValue(id, out var at) && at >= visit.VisitStart);
}
