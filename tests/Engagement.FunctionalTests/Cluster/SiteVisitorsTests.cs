namespace Engagement.FunctionalTests.Cluster;

/// <summary>The visitors-on-site board: arrivals, page changes and departures reach agents watching the site, batched.</summary>
[Collection(ClusterCollection.Name)]
public class SiteVisitorsTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Watchers_see_a_visitor_arrive_move_page_and_leave()
    {
        await using var s = cluster.Scenario();
        var probe = new ContextProbe(cluster, s);
        var watchers = await probe.WatchSiteVisitors();
        var visitorId = Scenario.NewVisitorId();
        var customer = s.Grains.GetCustomer(visitorId);

        var tab = await s.ConnectVisitor(visitorId, new VisitorLocation("web", "/home", "Home", Away: false), siloIndex: 1);
        var arrived = await WaitForVisitor(watchers, visitorId, v => v.CurrentPage == "/home");
        Assert.Equal(CustomerPresence.Online, arrived.Presence);
        Assert.False(arrived.InSession);
        Assert.Contains(await s.Grains.GetGrain<ISiteVisitorsGrain>(GrainKeys.SiteVisitors).GetVisitors(), v => v.CustomerId == visitorId);

        await customer.UpdateLocation(tab.ConnectionId, new VisitorLocation("web", "/pricing", "Pricing", Away: false));
        var moved = await WaitForVisitor(watchers, visitorId, v => v.CurrentPage == "/pricing");
        Assert.True(moved.Version > arrived.Version);
        Assert.Equal(arrived.OnSiteSince, moved.OnSiteSince);
        Assert.True(moved.PageSince >= arrived.PageSince);

        await customer.Disconnect(tab.ConnectionId);
        var left = await watchers.WaitFor<SiteVisitorLeft[]>(ContextProbe.WatchGroup, ClientEvents.SiteVisitorLeft, b => b.Any(l => l.CustomerId == visitorId));
        Assert.True(left.Single(l => l.CustomerId == visitorId).Version > moved.Version);
        Assert.DoesNotContain(await s.Grains.GetGrain<ISiteVisitorsGrain>(GrainKeys.SiteVisitors).GetVisitors(), v => v.CustomerId == visitorId);
    }

    [Fact]
    public async Task A_visitor_who_starts_a_session_shows_as_in_session()
    {
        await using var s = cluster.Scenario();
        var probe = new ContextProbe(cluster, s);
        var watchers = await probe.WatchSiteVisitors();
        var queue = await s.Queue();
        var visitorId = Scenario.NewVisitorId();

        await s.ConnectVisitor(visitorId, new VisitorLocation("web", "/help", "Help", Away: false));
        await WaitForVisitor(watchers, visitorId, v => !v.InSession);
        await s.Grains.GetSession(Scenario.NewSessionId()).Start(Scenario.Visitor(visitorId), new StartSessionRequest(queue));
        await WaitForVisitor(watchers, visitorId, v => v.InSession);
    }

    private static async Task<SiteVisitor> WaitForVisitor(RecordingRouter watchers, string visitorId, Func<SiteVisitor, bool> match)
    {
        var batch = await watchers.WaitFor<SiteVisitor[]>(ContextProbe.WatchGroup, ClientEvents.SiteVisitor, b => b.Any(v => v.CustomerId == visitorId && match(v)));
        return batch.Last(v => v.CustomerId == visitorId && match(v));
    }
}
