namespace Engagement.Context;

/// <summary>
/// The page trail as stored and as shown. Shown: newest first, a reload (the same page again, with no other page
/// between in time) is not a new step, and a step shows when its page was first opened. Stored: the views by time,
/// newest first, where each run of the same page keeps only its newest and its oldest view. That is enough to
/// show the right steps whatever order views arrive in (streams may redeliver or reorder them): a late view of
/// another page that falls inside a run splits it into two steps, and the views dropped from the run's middle
/// would only have been reloads inside one of them. The one thing a split can shift is the start time of its
/// newer half. Bounded: the stored views cover at most <see cref="ContextLimits.PageTrail"/> steps.
/// </summary>
public static class PageTrail
{
    /// <summary>Adds a view. Returns whether the stored views changed and whether the shown trail changed.</summary>
    public static (bool Stored, bool Shown) Add(List<PageVisit> stored, PageVisit visit)
    {
        if (stored.Exists(v => v.Url == visit.Url && v.At == visit.At)) return (false, false); // delivered before
        var next = new List<PageVisit>(stored.Count + 1);
        var index = stored.FindIndex(v => v.At <= visit.At); // among views of the same time, the latest arrival first
        next.AddRange(stored.Take(index < 0 ? stored.Count : index));
        next.Add(visit);
        if (index >= 0) next.AddRange(stored.Skip(index));
        next = Bounded(next);
        if (next.SequenceEqual(stored)) return (false, false);
        var shownBefore = Shown(stored);
        stored.Clear();
        stored.AddRange(next);
        return (true, !shownBefore.SequenceEqual(Shown(stored)));
    }

    /// <summary>The steps: per run of the same page, its oldest view (the visit began then), newest step first.</summary>
    public static PageVisit[] Shown(IReadOnlyList<PageVisit> stored)
    {
        var steps = new List<PageVisit>();
        for (var i = 0; i < stored.Count; i++)
            if (i + 1 == stored.Count || stored[i + 1].Url != stored[i].Url) steps.Add(stored[i]);
        return [.. steps];
    }

    /// <summary>Drops the middle views of each run and everything past the last step kept.</summary>
    private static List<PageVisit> Bounded(List<PageVisit> views)
    {
        var kept = new List<PageVisit>(views.Count);
        var steps = 0;
        for (var i = 0; i < views.Count; i++)
        {
            var startsRun = i == 0 || views[i - 1].Url != views[i].Url;
            var endsRun = i + 1 == views.Count || views[i + 1].Url != views[i].Url;
            if (startsRun && ++steps > ContextLimits.PageTrail) break;
            if (startsRun || endsRun) kept.Add(views[i]);
        }
        return kept;
    }
}
