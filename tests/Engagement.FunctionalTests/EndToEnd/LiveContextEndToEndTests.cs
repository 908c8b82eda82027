using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static Engagement.FunctionalTests.EndToEnd.ContextSetup;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>The live context in the agent's workspace, over the real SignalR clients and the ingestion endpoint.</summary>
[Collection(EndToEndCollection.Name)]
public class LiveContextEndToEndTests(EndToEndFixture e2e)
{
    private readonly ContextSetup _setup = new(e2e);

    [Fact]
    public async Task Page_views_and_a_posted_device_signal_reach_the_agents_workspace()
    {
        await using var live = await _setup.AcceptedSessionAsync("/welcome");
        var (workspace, visitor) = (live.Workspace, live.Visitor);

        var presence = await visitor.Connection.InvokeAsync<CustomerPresenceView>("TrackPageView", "/pricing?plan=pro", "Pricing", "https://search.example/?q=chat");
        Assert.Equal("/pricing?plan=pro", presence.Channels.Single().CurrentPage);
        var viewed = await workspace.WaitFor<CustomerContext>(ClientEvents.CustomerContext, c => c.PageTrail.Any(p => p.Url == "/pricing?plan=pro"));
        Assert.Equal("Pricing", viewed.PageTrail[0].Title);
        await workspace.WaitFor<CustomerPresenceView>(ClientEvents.CustomerPresence, p => p.Channels.Any(c => c.CurrentPage == "/pricing?plan=pro"));

        var (status, body) = await _setup.PostSignalsAsync(live.CustomerId, Batch(Device("temperature", 21.5)));
        Assert.Equal(202, status);
        Assert.Equal(1, body!["accepted"]!.GetValue<int>());
        var reading = await workspace.WaitFor<CustomerContext>(ClientEvents.CustomerContext, c => c.Devices.Any(d => d.Name == "temperature"));
        var device = reading.Devices.Single();
        Assert.Equal(("thermostat-1", "21.5", "C"), (device.DeviceId, device.Value, device.Unit));
        Assert.True(reading.Version > viewed.Version);

        await visitor.Connection.InvokeAsync("SetTimeZone", "Europe/Berlin");
        await visitor.Connection.InvokeAsync("Track", "added_to_cart", new Dictionary<string, string> { ["sku"] = "A-1" });
        (status, _) = await _setup.PostSignalsAsync(live.CustomerId, Batch(
            new { kind = "fact", name = "company", values = new { value = "Acme" } },
            new { kind = "location", values = new { city = "Berlin", country = "DE", latitude = 52.52, longitude = 13.405 } },
            new { kind = "weather", values = new { summary = "Light rain", temperatureC = 7.5 } }), Auth.ApiKeyBearer);
        Assert.Equal(202, status);
        await workspace.WaitFor<CustomerContext>(ClientEvents.CustomerContext,
            c => c.TimeZone == "Europe/Berlin" && c.RecentEvents.Any(e => e.Name == "added_to_cart") && c.Company == "Acme" && c.Weather is not null);

        var context = await workspace.Connection.InvokeAsync<CustomerContext>("GetCustomerContext", live.SessionId);
        Assert.Equal(live.CustomerId, context.CustomerId);
        Assert.Equal("/pricing?plan=pro", context.PageTrail.Single().Url); // the connect page is presence, not a page view
        Assert.Equal("Berlin", context.Location?.City);
        Assert.Equal(("Light rain", 7.5, "api:e2e-devices"), (context.Weather!.Summary, context.Weather.TemperatureC, context.Weather.Source));
        Assert.Equal("A-1", context.RecentEvents.Single().Values["sku"]);
        Assert.Equal("widget", context.RecentEvents.Single().Source);
        Assert.NotNull(context.OnSiteSince);
    }

    [Fact]
    public async Task Only_staff_who_may_read_the_session_get_the_customers_context()
    {
        await using var live = await _setup.AcceptedSessionAsync();
        var stranger = await e2e.CreateAgentAsync(live.QueueId, "stranger");
        await using var other = await _setup.AgentAsync(stranger.Token);

        var refused = await Assert.ThrowsAsync<HubException>(() => other.Connection.InvokeAsync<CustomerContext>("GetCustomerContext", live.SessionId));
        Assert.Contains("not_found:", refused.Message);
        Assert.Equal(live.CustomerId, (await live.Workspace.Connection.InvokeAsync<CustomerContext>("GetCustomerContext", live.SessionId)).CustomerId);
    }

    [Fact]
    public async Task Ingestion_refuses_bad_credentials_and_bad_input_clearly()
    {
        var customerId = "cust-" + Guid.NewGuid().ToString("N")[..10];
        var good = Batch(Device("temperature", 20));

        var (status, body) = await _setup.PostSignalsAsync(customerId, good, Auth.None);
        Assert.Equal(401, status);
        Assert.Equal("unauthorized", body!["code"]!.GetValue<string>());
        Assert.Contains("API key", body["detail"]!.GetValue<string>());
        Assert.Equal(401, (await _setup.PostSignalsAsync(customerId, good, Auth.ApiKeyHeader, "wrong-key-wrong-key-wrong-key-wrong")).Status);
        Assert.Equal(401, (await _setup.PostSignalsAsync(customerId, good, Auth.ApiKeyBearer, "wrong-key-wrong-key-wrong-key-wrong")).Status);
        var agent = await e2e.CreateAgentAsync(await e2e.CreateQueueAsync(), "not-admin");
        (status, body) = await _setup.PostSignalsAsync(customerId, good, Auth.Token, agent.Token);
        Assert.Equal(403, status);
        Assert.Equal("forbidden", body!["code"]!.GetValue<string>());
        Assert.Equal(202, (await _setup.PostSignalsAsync(customerId, good, Auth.Token, e2e.AdminToken)).Status);

        await AssertInvalid(Batch(new { kind = "smell", name = "x", values = new { value = "1" } }), "signals[0].kind", "must be one of");
        await AssertInvalid(Batch(Device("temperature", 1), new { kind = "location", values = new { latitude = 123, longitude = 10 } }), "signals[1].values.latitude", "-90 to 90");
        await AssertInvalid(Batch(new { kind = "location", values = new { latitude = 50 } }), "signals[0].values", "latitude and longitude together");
        await AssertInvalid(Batch(new { kind = "location", values = new { timeZone = "Mars/Olympus" } }), "signals[0].values.timeZone", "IANA");
        await AssertInvalid(Batch(new { kind = "device", name = "temperature", values = new { unit = "C" } }), "signals[0].values.value", "required");
        await AssertInvalid(Batch(new { kind = "device", name = "temperature", values = new { value = new { nested = 1 } } }), "signals[0].values.value", "string, number or boolean");
        await AssertInvalid(Batch(new { kind = "interaction", values = new { channel = "phone" } }), "signals[0].values.summary", "required");
        await AssertInvalid(Batch(new { kind = "event", name = "x", values = new { a = "1" }, at = DateTimeOffset.UtcNow.AddHours(1) }), "signals[0].at", "5 minutes ahead");
        await AssertInvalid(Batch([.. Enumerable.Range(0, 101).Select(_ => Device("t", 1))]), "signals", "1 to 100", "too_large");
        await AssertInvalid(new { }, "signals", "required");
        (status, body) = await _setup.PostSignalsAsync(customerId, "{ not json");
        Assert.Equal(400, status);
        Assert.Equal("invalid", body!["code"]!.GetValue<string>());
        (status, _) = await _setup.PostSignalsAsync("not a valid id!", good);
        Assert.Equal(400, status);

        async Task AssertInvalid(object batch, string field, string says, string expectedCode = "invalid")
        {
            var (code, problem) = await _setup.PostSignalsAsync(customerId, batch);
            Assert.Equal(400, code);
            Assert.Equal(expectedCode, problem!["code"]!.GetValue<string>());
            var messages = problem["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>()).ToArray();
            Assert.Contains(messages, m => m.Contains(says));
        }
    }

    [Fact]
    public async Task History_lists_the_customers_sessions_and_interactions_posted_from_other_channels()
    {
        await using var live = await _setup.AcceptedSessionAsync();
        await live.Workspace.Connection.InvokeAsync<SessionView>("CloseSession", live.SessionId, "resolved");
        var (status, _) = await _setup.PostSignalsAsync(live.CustomerId, Batch(
            new { kind = "interaction", values = new { channel = "store", summary = "Tried the headset in the Berlin store" }, at = DateTimeOffset.UtcNow.AddDays(-2) },
            new { kind = "interaction", values = new { channel = "phone", summary = "Called about delivery", outcome = "resolved" } }));
        Assert.Equal(202, status);

        var customer = e2e.Node.Services.GetRequiredService<IGrainFactory>().GetCustomer(live.CustomerId);
        await EventuallyAsync(async () => (await customer.GetHistory()).Length == 3);
        var history = await customer.GetHistory();
        Assert.Equal(["phone", "web", "store"], history.Select(h => h.Channel));
        Assert.Equal(live.SessionId, history[1].SessionId);
        Assert.Equal("resolved", history[1].Outcome);
        Assert.Equal("Called about delivery", history[0].Summary);
    }

    internal static async Task EventuallyAsync(Func<Task<bool>> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition never held.");
            await Task.Delay(50);
        }
    }
}
