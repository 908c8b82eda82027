using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>"Visitors on site now" in the agent workspace, over the real hubs.</summary>
[Collection(EndToEndCollection.Name)]
public class SiteVisitorsEndToEndTests(EndToEndFixture e2e)
{
    private readonly ContextSetup _setup = new(e2e);

    [Fact]
    public async Task An_agent_watching_the_site_sees_a_visitor_arrive_move_page_and_leave()
    {
        var queue = await e2e.CreateQueueAsync();
        var erin = await e2e.CreateAgentAsync(queue, "erin");
        await using var desk = await _setup.AgentAsync(erin.Token);
        var snapshot = await desk.Connection.InvokeAsync<SiteVisitor[]>("WatchSiteVisitors");
        var token = await e2e.NewVisitorAsync();
        Assert.DoesNotContain(snapshot, v => v.CustomerId == token.CustomerId);

        var visitor = await _setup.VisitorAsync(token.Token, "/welcome");
        var arrived = await WaitForVisitor(desk, token.CustomerId, v => v.CurrentPage == "/welcome");
        Assert.Equal(CustomerPresence.Online, arrived.Presence);

        await visitor.Connection.InvokeAsync<CustomerPresenceView>("TrackPageView", "/pricing", "Pricing", null);
        var moved = await WaitForVisitor(desk, token.CustomerId, v => v.CurrentPage == "/pricing");
        Assert.Equal("Pricing", moved.PageTitle);
        Assert.Equal(arrived.OnSiteSince, moved.OnSiteSince);
        Assert.Contains(await desk.Connection.InvokeAsync<SiteVisitor[]>("WatchSiteVisitors"), v => v.CustomerId == token.CustomerId && v.CurrentPage == "/pricing");

        await visitor.DisposeAsync();
        var left = await desk.WaitFor<SiteVisitorLeft[]>(ClientEvents.SiteVisitorLeft, b => b.Any(l => l.CustomerId == token.CustomerId));
        Assert.True(left.Single(l => l.CustomerId == token.CustomerId).Version > moved.Version);

        await desk.Connection.InvokeAsync("UnwatchSiteVisitors");
        var next = await e2e.NewVisitorAsync();
        await using var unseen = await _setup.VisitorAsync(next.Token, "/after-unwatch");
        await unseen.Connection.InvokeAsync<CustomerPresenceView>("TrackPageView", "/after-unwatch-2", null, null);
        await Task.Delay(1000); // several board batches
        Assert.DoesNotContain(desk.Events<SiteVisitor[]>(ClientEvents.SiteVisitor).SelectMany(b => b), v => v.CustomerId == next.CustomerId);
    }

    private static async Task<SiteVisitor> WaitForVisitor(HubClient desk, string customerId, Func<SiteVisitor, bool> match)
    {
        var batch = await desk.WaitFor<SiteVisitor[]>(ClientEvents.SiteVisitor, b => b.Any(v => v.CustomerId == customerId && match(v)));
        return batch.Last(v => v.CustomerId == customerId && match(v));
    }
}
