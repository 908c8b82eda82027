namespace Engagement.FunctionalTests.Cluster;

/// <summary>Proactive rules evaluated in the customer grain: dwell time on a page, returning customers, once per visit.</summary>
[Collection(ClusterCollection.Name)]
public class ProactiveRulesTests(ClusterFixture cluster)
{
    private static ProactiveRule DwellRule(string page, string queue, int seconds = 1) =>
        new("dwell-" + page.Trim('/'), "Lingering", true, page, seconds, null, false, ProactiveAction.InviteVisitor, "Can we help?", queue);

    /// <summary>Adds rules for this test (page patterns unique to it, so tests sharing the cluster do not meet them).</summary>
    private static async Task AddRules(IGrainFactory grains, params ProactiveRule[] rules)
    {
        var board = grains.GetGrain<IProactiveRulesGrain>(GrainKeys.ProactiveRules);
        var kept = (await board.GetRules()).Where(r => rules.All(n => n.RuleId != r.RuleId));
        await board.SetRules([.. kept.TakeLast(ProactiveRuleLimit - rules.Length), .. rules]);
        await Task.Delay(400); // the per-silo copies refresh every 200 ms in these tests
    }

    private const int ProactiveRuleLimit = 50;

    [Fact]
    public async Task A_visitor_who_stays_on_a_page_long_enough_is_invited_once_per_visit()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var page = $"/pricing-{Guid.NewGuid():N}";
        await AddRules(s.Grains, DwellRule(page, queue));
        var visitorId = Scenario.NewVisitorId();
        var customer = s.Grains.GetCustomer(visitorId);

        var tab = await s.ConnectVisitor(visitorId, new VisitorLocation("web", page + "?plan=pro", "Pricing", Away: false));
        var events = s.Connection(0, HubKind.Visitor).Recorder;
        var invitation = await events.WaitFor<Invitation>(tab.ConnectionId, ClientEvents.Invitation);
        Assert.Equal(queue, invitation.QueueId);
        Assert.Null(invitation.AgentId);
        Assert.Equal("Can we help?", invitation.Message);
        Assert.NotNull(invitation.RuleId);

        // Away and back on the same visit: the rule has fired already.
        await customer.UpdateLocation(tab.ConnectionId, new VisitorLocation("web", "/docs", "Docs", Away: false));
        await customer.UpdateLocation(tab.ConnectionId, new VisitorLocation("web", page, "Pricing", Away: false));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(events.EventsFor(tab.ConnectionId), e => e.Name == ClientEvents.Invitation);

        var answered = await customer.AnswerInvitation(invitation.InvitationId, accept: true);
        Assert.Equal(invitation.InvitationId, answered?.InvitationId);
        Assert.Null(await customer.AnswerInvitation(invitation.InvitationId, accept: true)); // answered already
    }

    [Fact]
    public async Task A_hidden_tab_is_not_invited_until_it_comes_back_into_view()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var page = $"/plans-{Guid.NewGuid():N}";
        await AddRules(s.Grains, DwellRule(page, queue));
        var visitorId = Scenario.NewVisitorId();

        var tab = await s.ConnectVisitor(visitorId, new VisitorLocation("web", page, "Plans", Away: true));
        var events = s.Connection(0, HubKind.Visitor).Recorder;
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(events.EventsFor(tab.ConnectionId), e => e.Name == ClientEvents.Invitation);

        await s.Grains.GetCustomer(visitorId).UpdateLocation(tab.ConnectionId, new VisitorLocation("web", page, "Plans", Away: false));
        await events.WaitFor<Invitation>(tab.ConnectionId, ClientEvents.Invitation);
    }

    [Fact]
    public async Task A_returning_customer_with_an_open_session_alerts_agents_watching_the_site()
    {
        await using var s = cluster.Scenario();
        var probe = new ContextProbe(cluster, s);
        var watchers = await probe.WatchSiteVisitors();
        var queue = await s.Queue();
        var page = $"/account-{Guid.NewGuid():N}";
        await AddRules(s.Grains, new ProactiveRule("returning-" + page.Trim('/'), "Returning with an open case", true, page, null, 7, true,
            ProactiveAction.NotifyAgents, "Back with an open case", queue));
        var visitorId = Scenario.NewVisitorId();
        await s.Grains.GetSession(Scenario.NewSessionId()).Start(Scenario.Visitor(visitorId), new StartSessionRequest(queue, "Refund"));

        // A first-time visitor on the same page does not count as returning.
        var stranger = Scenario.NewVisitorId();
        await s.ConnectVisitor(stranger, new VisitorLocation("web", page, "Account", Away: false));
        await s.ConnectVisitor(visitorId, new VisitorLocation("web", page, "Account", Away: false));

        var alert = await watchers.WaitFor<VisitorAlert>(ContextProbe.WatchGroup, ClientEvents.VisitorAlert, a => a.CustomerId == visitorId);
        Assert.Equal("Back with an open case", alert.Message);
        Assert.Equal(page, alert.Page);
        Assert.DoesNotContain(watchers.EventsFor(ContextProbe.WatchGroup), e => e.Payload is VisitorAlert a && a.CustomerId == stranger);
    }
}
