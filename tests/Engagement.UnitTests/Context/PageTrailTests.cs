using Engagement.Context;

namespace Engagement.UnitTests.Context;

public class PageTrailTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static PageVisit View(string url, int second) => new(url, url.TrimStart('/'), T0.AddSeconds(second));

    private static string Steps(List<PageVisit> stored) => string.Join(" ", PageTrail.Shown(stored).Select(v => $"{v.Url}@{v.At.Second}"));

    [Fact]
    public void A_later_view_of_the_same_page_that_arrived_before_the_pages_between_still_becomes_its_own_step()
    {
        // Visited /home, /pricing, /docs, /home; the stream delivered the second /home before the two pages between.
        var stored = new List<PageVisit>();
        PageTrail.Add(stored, View("/home", 0));
        Assert.Equal((true, false), PageTrail.Add(stored, View("/home", 3))); // looks like a reload for now: kept, not shown
        PageTrail.Add(stored, View("/docs", 2));
        PageTrail.Add(stored, View("/pricing", 1));

        Assert.Equal("/home@3 /docs@2 /pricing@1 /home@0", Steps(stored));
    }

    [Fact]
    public void A_run_of_reloads_keeps_two_views_and_shows_one_step_that_began_with_the_first()
    {
        var stored = new List<PageVisit>();
        for (var i = 0; i < 50; i++) PageTrail.Add(stored, View("/live-scores", i));

        Assert.Equal(["/live-scores@49", "/live-scores@0"], stored.Select(v => $"{v.Url}@{v.At.Second}"));
        Assert.Equal("/live-scores@0", Steps(stored));
        Assert.Equal((false, false), PageTrail.Add(stored, View("/live-scores", 20))); // a redelivered middle reload
    }

    [Fact]
    public void A_view_older_than_a_full_trail_is_not_kept()
    {
        var stored = new List<PageVisit>();
        for (var i = 1; i <= ContextLimits.PageTrail; i++) PageTrail.Add(stored, View($"/p{i}", i));

        Assert.Equal((false, false), PageTrail.Add(stored, View("/older", 0)));
        Assert.Equal(ContextLimits.PageTrail, PageTrail.Shown(stored).Length);
    }
}
