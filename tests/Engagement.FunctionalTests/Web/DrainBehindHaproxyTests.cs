using System.Net;
using System.Net.Http.Json;
using Engagement.FunctionalTests.EndToEnd;
using Engagement.FunctionalTests.Infrastructure;
using Engagement.FunctionalTests.Processes;
using Engagement.LoadTests.Cluster;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// The web front ends behind the real load balancer: two silo processes with HAProxy in front (as
/// <c>./engage cluster</c> runs them), the pages on HAProxy's one address, and an operator draining the silo
/// that holds the pages' connections: by <c>POST /api/admin/drain</c>, or by SIGTERM as a rolling deploy does.
/// </summary>
[Collection(ProcessCollection.Name)]
public class DrainBehindHaproxyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Queue = WebFixture.Queue;
    private const int SwitchingProtocols = 101;
    private WebBrowser _browser = null!;

    public async Task InitializeAsync() => _browser = await WebBrowser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Theory]
    [InlineData("POST /api/admin/drain")]
    [InlineData("SIGTERM")]
    public async Task A_node_behind_HAProxy_drains_while_a_widget_and_a_workspace_talk_both_move_to_the_other_node_nothing_is_lost_duplicated_or_reordered_and_no_error_is_shown(string how)
    {
        // The production drain timeout (the tests' default is 2 s): the default spread of 1 s plus a busy machine must
        // not close a connection before its page has moved. The drain ends as soon as every connection has.
        await using var cluster = await ProcessCluster.StartAsync(new ProcessClusterOptions(Silos: 2, LoadBalancer: true, Settings: new Dictionary<string, string?>
        {
            ["Engagement:Drain:Timeout"] = "00:00:10",
        }));
        var lb = cluster.LoadBalancer!;
        using var admin = cluster.Http(cluster.AdminToken);
        (await admin.PostAsJsonAsync("/api/queues", new { queueId = Queue, name = "Support", skills = new[] { "support" }, offerTimeout = TimeSpan.FromSeconds(60) }, EngagementFixtureBase.Json))
            .EnsureSuccessStatusCode();
        var agent = Staff(await cluster.CreateAgentAsync(Queue, "Mira", capacity: 3), "Mira");
        var supervisor = Staff(await cluster.CreateAgentAsync(Queue, "Ines", role: "supervisor"), "Ines");

        await using var contexts = new Contexts();
        var agentBrowser = contexts.Add(await _browser.NewContextAsync(lb.Url));
        var supervisorBrowser = contexts.Add(await _browser.NewContextAsync(lb.Url));
        var visitorBrowser = contexts.Add(await _browser.NewContextAsync(lb.Url, 1280, 860));
        foreach (var browser in new[] { agentBrowser, supervisorBrowser, visitorBrowser }) await WebPages.WatchForTroubleAsync(browser);
        var placement = new Placement(cluster, lb);
        await using var _ = placement;

        // The workspace's connection lands on some silo; that is the one to drain. The dashboard's and the widget's are
        // steered to it too (HAProxy balances by least connections: the test holds a few idle ones on the other silo).
        var workspace = await placement.OpenAsync("/hubs/agent", () => WebPages.OpenWorkspaceAsync(agentBrowser, agent));
        var draining = placement.SiloOf(workspace);
        var survivor = cluster.Silos.Single(s => s != draining);
        var dashboard = await placement.OpenAsync("/hubs/agent", () => WebPages.SignInAsync(supervisorBrowser, "/dashboard/", supervisor), steerTo: draining);
        await Expect(dashboard.GetByTestId($"agent-{agent.AgentId}")).ToContainTextAsync("Available");
        var site = await placement.OpenAsync("/hubs/visitor", () => WebPages.OpenSiteAsync(visitorBrowser, "/"), steerTo: draining);
        Assert.All(new[] { workspace, dashboard, site }, page => Assert.Equal(draining, placement.SiloOf(page)));
        output.WriteLine($"pages on {draining}; survivor {survivor}; logs in {cluster.LogDirectory}");

        await WebPages.OpenWidgetAsync(site);
        const string topic = "Seats for the new Lisbon office";
        await WebPages.StartChatAsync(site, topic);
        var sessionId = await WebPages.SessionIdAsync(site);
        await WebPages.AcceptOfferAsync(workspace, topic);
        var chat = new DrivenConversation(site, workspace, sessionId);
        await chat.VisitorAsync("v1: We're opening an office in Lisbon — 12 more seats?");
        await chat.AgentAsync("a1: Of course. Same plan, prorated to your renewal.");
        await chat.VisitorSeesTheReplyAsync();
        foreach (var page in new[] { site, workspace, dashboard }) await WebPages.ArmTroubleAsync(page);

        // The silo is drained; both keep writing meanwhile.
        var logBeforeDrain = lb.Requests().Count;
        Task stopped;
        if (how == "SIGTERM")
        {
            stopped = draining.TerminateAsync();
        }
        else
        {
            using var direct = cluster.Http(cluster.AdminToken, draining.BaseUrl);
            Assert.Equal(HttpStatusCode.Accepted, (await direct.PostAsync("/api/admin/drain", null)).StatusCode);
            stopped = WaitUntilAsync(() => draining.HasExited, 90, () => $"the drained silo did not exit; its log:\n{draining.LogTail()}");
        }
        await chat.VisitorAsync("v2: Can they start on Monday?");
        await chat.AgentAsync("a2: Yes — I'll add them now.");
        await stopped;
        Assert.True(draining.HasExited, $"the drained silo did not exit; its log:\n{draining.LogTail()}");
        Assert.Equal(0, draining.ExitCode);

        // All three pages moved, through HAProxy, to the survivor: one new WebSocket each.
        var moved = lb.Requests().Skip(logBeforeDrain).Where(r => r.Status == SwitchingProtocols).ToList();
        Assert.All(moved, r => Assert.Equal(survivor.Name, r.Server));
        Assert.Equal(1, moved.Count(r => r.Path == "/hubs/visitor"));
        Assert.Equal(2, moved.Count(r => r.Path == "/hubs/agent"));

        await chat.ExpectItGoesOnUnnoticedAsync(admin, dashboard, agent.AgentId, "v3: Perfect, thank you!", "a3: Done — 12 seats added.");
    }

    private static WebFixture.Staff Staff(EngagementFixtureBase.Login login, string name) =>
        new(login.AgentId, name, login.AgentId + "@e2e.test", EngagementFixtureBase.AgentPassword);

    private static async Task WaitUntilAsync(Func<bool> condition, int seconds, Func<string> explain)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException(explain());
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Which silo each page's hub connection went to (HAProxy's log), and steering of the next one. HAProxy sends a
    /// new connection to the silo with the fewest open, so the test holds idle visitor connections on the other silo
    /// until it has at least two more than the wanted one (a page's own short requests must not tip the balance);
    /// probes that land on the wanted silo stay open meanwhile, which sends the next probe to the other, and are
    /// closed at the end.
    /// </summary>
    private sealed class Placement(ProcessCluster cluster, HaproxyProcess lb) : IAsyncDisposable
    {
        /// <summary>
        /// How many more connections the other silo holds than the target before a page opens: HAProxy counts a page's
        /// REST requests too (the dashboard's history loads two reports over keep-alive connections before its hub connects).
        /// </summary>
        private const int Margin = 5;
        private readonly Dictionary<IPage, SiloProcess> _pages = [];
        private readonly List<HubClient> _ballast = [];

        public SiloProcess SiloOf(IPage page) => _pages[page];

        public async Task<IPage> OpenAsync(string hubPath, Func<Task<IPage>> open, SiloProcess? steerTo = null)
        {
            if (steerTo is not null) await SteerToAsync(steerTo);
            var before = lb.Requests().Count;
            var page = await open();
            var line = await lb.WaitForRequestAsync(r => r.Path == hubPath && r.Status == SwitchingProtocols, skip: before);
            _pages[page] = cluster.Silo(line.Server);
            return page;
        }

        private async Task SteerToAsync(SiloProcess target)
        {
            var other = cluster.Silos.Single(s => s != target);
            var onTarget = new List<HubClient>();
            for (var attempt = 0; CountPagesOn(other) + _ballast.Count < CountPagesOn(target) + Margin; attempt++)
            {
                if (attempt == 30) throw new InvalidOperationException($"could not steer a connection to {target}; haproxy log:\n{lb.LogTail()}");
                // The token first, and a moment for its request's connection to close: HAProxy counts that one too.
                var token = (await cluster.NewVisitorAsync()).Token;
                await Task.Delay(200);
                var before = lb.Requests().Count;
                var probe = await HubClient.VisitorAsync(lb.Url, token);
                var line = await lb.WaitForRequestAsync(r => r.Path == "/hubs/visitor" && r.Status == SwitchingProtocols, skip: before);
                if (line.Server == other.Name) _ballast.Add(probe);
                else onTarget.Add(probe);
            }
            foreach (var probe in onTarget) await probe.DisposeAsync();
            await Task.Delay(500);
        }

        private int CountPagesOn(SiloProcess silo) => _pages.Values.Count(s => s == silo);

        public async ValueTask DisposeAsync()
        {
            foreach (var client in _ballast) await client.DisposeAsync();
        }
    }
}
