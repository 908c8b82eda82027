using Engagement.FunctionalTests.EndToEnd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// A node drains (docs/protocol.md, "Failures and recovery"): it sends every connection the <c>reconnect</c>
/// event, refuses new hub connections and closes the rest at <c>closeAt</c>. Pages behind a balancer move to
/// another node without the person noticing; a page that can only reach the draining node keeps trying and says
/// that it is reconnecting. Both nodes run in the test process (the cluster of <see cref="WebFixture"/>); the
/// balancer is <see cref="HubBalancer"/>, relaying the pages' hub WebSockets as HAProxy would.
/// </summary>
[Collection(WebCollection.Name)]
public class DrainInTheBrowserTests(WebFixture web)
{
    [Fact]
    public async Task A_node_behind_a_balancer_drains_while_a_widget_and_a_workspace_talk_and_both_move_on_with_nothing_lost_and_no_error_shown()
    {
        // Clients get the production default of 10 s to move (the drain ends as soon as they have): on a busy test
        // machine the fixture's 2 s could close a connection before its page has moved, which is another test.
        var draining = await StartNodeAsync(TimeSpan.FromSeconds(10));
        var stopped = false;
        try
        {
            var supervisor = await web.CreateStaffAsync("Ines Duarte", role: "supervisor");
            var agent = await web.CreateStaffAsync("Tomas Berg");
            await using var contexts = new Contexts();
            // Every page's hubs go to the draining node first; the fixture's node is where they can move.
            var nodes = new[] { draining.BaseUrl, web.BaseUrl };
            var supervisorBrowser = contexts.Add(await web.NewContextAsync());
            var supervisorHubs = contexts.Add(await HubBalancer.AttachAsync(supervisorBrowser, nodes));
            var agentBrowser = contexts.Add(await web.NewContextAsync());
            var agentHubs = contexts.Add(await HubBalancer.AttachAsync(agentBrowser, nodes));
            var visitorBrowser = contexts.Add(await web.NewContextAsync(1280, 860));
            var visitorHubs = contexts.Add(await HubBalancer.AttachAsync(visitorBrowser, nodes));
            foreach (var browser in new[] { supervisorBrowser, agentBrowser, visitorBrowser }) await WebPages.WatchForTroubleAsync(browser);

            var dashboard = await WebPages.SignInAsync(supervisorBrowser, "/dashboard/", supervisor);
            await Expect(dashboard.GetByTestId($"agent-{agent.AgentId}")).ToBeVisibleAsync();
            var workspace = await WebPages.OpenWorkspaceAsync(agentBrowser, agent);
            await Expect(dashboard.GetByTestId($"agent-{agent.AgentId}")).ToContainTextAsync("Available");
            var site = await WebPages.OpenSiteAsync(visitorBrowser, "/");
            await WebPages.OpenWidgetAsync(site);
            const string topic = "Adding seats mid-contract";
            await WebPages.StartChatAsync(site, topic);
            var sessionId = await WebPages.SessionIdAsync(site);
            await WebPages.AcceptOfferAsync(workspace, topic);

            var chat = new DrivenConversation(site, workspace, sessionId);
            await chat.VisitorAsync("v1: Can we add five seats this month?");
            await chat.AgentAsync("a1: Sure, they're prorated to your renewal date.");
            await chat.VisitorSeesTheReplyAsync();
            Assert.Single(visitorHubs.Open("visitor", draining.BaseUrl));
            Assert.Single(agentHubs.Open("agent", draining.BaseUrl));
            Assert.Single(supervisorHubs.Open("agent", draining.BaseUrl));
            foreach (var page in new[] { site, workspace, dashboard }) await WebPages.ArmTroubleAsync(page);

            // The node drains (as on SIGTERM) while both keep writing.
            var drain = draining.StopAsync();
            await chat.VisitorAsync("v2: And can they be admins?");
            await chat.AgentAsync("a2: Yes, any seat can be an admin.");
            await drain;
            stopped = true;

            // Every page moved to the other node, exactly once.
            foreach (var (hubs, hub) in new[] { (visitorHubs, "visitor"), (agentHubs, "agent"), (supervisorHubs, "agent") })
            {
                await WaitUntilAsync(() => hubs.Open(hub).Count == 1);
                Assert.Empty(hubs.Open(hub, draining.BaseUrl));
                Assert.Single(hubs.Open(hub, web.BaseUrl));
            }

            // The conversation goes on over the new node, and nobody saw the move.
            using var admin = web.Server.Http(web.Server.AdminToken);
            await chat.ExpectItGoesOnUnnoticedAsync(admin, dashboard, agent.AgentId, "v3: Great, please add them.", "a3: Done — five seats added.");
        }
        finally
        {
            if (!stopped) await draining.StopAsync();
            await draining.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_page_whose_only_node_drains_keeps_trying_and_says_it_is_reconnecting()
    {
        var node = await web.Server.StartNodeAsync();
        try
        {
            // No balancer: the page, its widget and its hub all come from this one node.
            await using var visitorBrowser = await web.NewContextAsync(1280, 860);
            await WebPages.WatchForTroubleAsync(visitorBrowser);
            var site = await WebPages.OpenSiteAsync(visitorBrowser, new Uri(node.BaseUrl, "/").ToString());
            var hubSockets = new List<(DateTimeOffset At, IWebSocket Socket)>();
            site.WebSocket += (_, socket) =>
            {
                if (socket.Url.Contains("/hubs/visitor")) lock (hubSockets) hubSockets.Add((DateTimeOffset.UtcNow, socket));
            };
            await WebPages.OpenWidgetAsync(site);
            await WebPages.StartChatAsync(site, "Is the API rate limit per key?");
            await Expect(site.GetByTestId("queue-status")).ToBeVisibleAsync();
            await WebPages.ArmTroubleAsync(site);

            var drainStarted = DateTimeOffset.UtcNow;
            var drain = node.StopAsync();
            // Told to move, the page opens new connections to the same address, which the draining node refuses;
            // the old one still works, so nothing is shown yet.
            await WaitUntilAsync(() => Count(hubSockets, drainStarted) >= 1);
            Assert.Empty(await WebPages.TroubleAsync(site));
            await drain;

            // At closeAt the node closed the old connection: the widget says so, and keeps trying with backoff.
            var banner = site.Locator(".link-banner");
            await Expect(banner).ToContainTextAsync("Reconnecting… your messages are safe.");
            var closed = DateTimeOffset.UtcNow;
            await WaitUntilAsync(() => Count(hubSockets, closed) >= 3);
            await Expect(banner).ToContainTextAsync("Reconnecting");
            Assert.DoesNotContain(await WebPages.TroubleAsync(site), t => t.Contains("failed"));
        }
        finally
        {
            await web.Server.StopNodeAsync(node);
        }
    }

    /// <summary>Another node of the fixture's cluster, with its own drain timeout; the test stops and disposes it.</summary>
    private async Task<EngagementNode> StartNodeAsync(TimeSpan drainTimeout)
    {
        var connectionString = web.Server.Node.Services.GetRequiredService<IConfiguration>().GetConnectionString("Engagement")!;
        var settings = new Dictionary<string, string?>(EndToEndFixture.Settings) { ["Engagement:Drain:Timeout"] = drainTimeout.ToString("c") };
        return await EngagementNode.StartAsync(connectionString, settings);
    }

    private static int Count(List<(DateTimeOffset At, IWebSocket Socket)> sockets, DateTimeOffset since)
    {
        lock (sockets) return sockets.Count(s => s.At >= since);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The condition did not hold in time.");
            await Task.Delay(100);
        }
    }
}
