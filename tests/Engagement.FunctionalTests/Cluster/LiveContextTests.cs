using static Engagement.FunctionalTests.Cluster.ContextProbe;

namespace Engagement.FunctionalTests.Cluster;

/// <summary>Context signals on the customer's stream become the live context, pushed to the agents of open sessions and stored.</summary>
[Collection(ClusterCollection.Name)]
public class LiveContextTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Signals_on_the_stream_reach_the_agent_in_a_session_as_customer_context()
    {
        await using var s = cluster.Scenario();
        var probe = new ContextProbe(cluster, s);
        var visitorId = Scenario.NewVisitorId();
        var (_, _, workspace, events) = await probe.AcceptedSession(visitorId);

        await probe.Publish(visitorId,
            Signal(visitorId, ContextSignalKind.Device, "temperature", ("value", "21.5"), ("unit", "C"), ("deviceId", "thermostat-1")),
            Signal(visitorId, ContextSignalKind.Fact, "role", ("value", "buyer")),
            Signal(visitorId, ContextSignalKind.Location, "location", ("city", "Berlin"), ("country", "DE"), ("timeZone", "Europe/Berlin")));

        var pushed = await events.WaitFor<CustomerContext>(workspace.ConnectionId, ClientEvents.CustomerContext,
            c => c.Devices.Any(d => d.DeviceId == "thermostat-1") && c.Role == "buyer" && c.Location?.City == "Berlin");
        Assert.Equal("21.5", pushed.Devices.Single().Value);
        Assert.Equal("Europe/Berlin", pushed.TimeZone);

        await probe.Publish(visitorId, Signal(visitorId, ContextSignalKind.Device, "temperature", ("value", "22.0"), ("deviceId", "thermostat-1")));
        var newer = await events.WaitFor<CustomerContext>(workspace.ConnectionId, ClientEvents.CustomerContext, c => c.Devices.Any(d => d.Value == "22.0"));
        Assert.True(newer.Version > pushed.Version);
        Assert.Single(newer.Devices); // the latest reading per device and name, not a log

        var context = await s.Grains.GetCustomer(visitorId).GetContext();
        Assert.Equal("22.0", context.Devices.Single().Value);
        Assert.Equal("buyer", context.Facts["role"]);
    }

    [Fact]
    public async Task Location_and_facts_are_stored_on_receipt_and_readings_soon_after()
    {
        await using var s = cluster.Scenario();
        var probe = new ContextProbe(cluster, s);
        var customerId = "ctx-" + Guid.NewGuid().ToString("N")[..10];

        await probe.Publish(customerId,
            Signal(customerId, ContextSignalKind.Fact, "plan", ("value", "enterprise")),
            Signal(customerId, ContextSignalKind.Location, "location", ("latitude", "48.85"), ("longitude", "2.35"), ("city", "Paris")),
            Signal(customerId, ContextSignalKind.Device, "humidity", ("value", "40"), ("unit", "%")));

        await Scenario.Eventually(async () => (await probe.StoredContext(customerId)).State.Facts.ContainsKey("plan"), "the fact is stored");
        var stored = (await probe.StoredContext(customerId)).State;
        Assert.Equal("Paris", stored.Location?.City);
        Assert.Equal(48.85, stored.Location?.Latitude);
        await Scenario.Eventually(async () => (await probe.StoredContext(customerId)).State.Devices.Any(d => d.Name == "humidity"), "the reading is stored after the coalescing delay");
    }

    [Fact]
    public async Task Page_views_build_a_newest_first_trail_of_at_most_twenty_and_events_are_kept()
    {
        await using var s = cluster.Scenario();
        var probe = new ContextProbe(cluster, s);
        var visitorId = Scenario.NewVisitorId();

        var views = Enumerable.Range(1, 25).Select(i => Signal(visitorId, ContextSignalKind.PageView, "pageView", ("url", $"/page/{i}"), ("title", $"Page {i}"))).ToArray();
        await probe.Publish(visitorId, views);
        await probe.Publish(visitorId, Signal(visitorId, ContextSignalKind.Event, "added_to_cart", ("sku", "A-1")));

        await Scenario.Eventually(async () => (await s.Grains.GetCustomer(visitorId).GetContext()).RecentEvents.Length == 1, "the event arrives");
        var context = await s.Grains.GetCustomer(visitorId).GetContext();
        Assert.Equal(20, context.PageTrail.Length);
        Assert.Equal("/page/25", context.PageTrail[0].Url);
        Assert.Equal("/page/6", context.PageTrail[^1].Url);
        Assert.Equal("A-1", context.RecentEvents.Single().Values["sku"]);
    }

    [Fact]
    public async Task History_lists_sessions_and_posted_interactions_newest_first()
    {
        await using var s = cluster.Scenario();
        var probe = new ContextProbe(cluster, s);
        var visitorId = Scenario.NewVisitorId();
        var (sessionId, agentId, _, _) = await probe.AcceptedSession(visitorId);
        await s.Grains.GetSession(sessionId).Close(Caller.Agent(agentId), "resolved");

        var lastWeek = Signal(visitorId, ContextSignalKind.Interaction, "interaction", ("channel", "phone"), ("summary", "Asked about the invoice"), ("outcome", "resolved"))
            with { At = DateTimeOffset.UtcNow.AddDays(-7) };
        var justNow = Signal(visitorId, ContextSignalKind.Interaction, "interaction", ("channel", "email"), ("summary", "Sent the contract"));
        await probe.Publish(visitorId, lastWeek, justNow);

        await Scenario.Eventually(async () => (await s.Grains.GetCustomer(visitorId).GetHistory()).Length == 3, "history has the session and both interactions");
        var history = await s.Grains.GetCustomer(visitorId).GetHistory();
        Assert.Equal(["email", "web", "phone"], history.Select(h => h.Channel));
        var session = history[1];
        Assert.Equal(sessionId, session.SessionId);
        Assert.Equal("resolved", session.Outcome);
        Assert.Contains("Help", session.Summary);
        Assert.Equal("resolved", history[2].Outcome);
        Assert.Null(history[2].SessionId);
    }
}
