using System.Net.Http.Json;
using Engagement.FunctionalTests.EndToEnd;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// SLA policies in the browser (docs/protocol.md, SLA policy; docs/web.md): a visitor's chat left unanswered breaches
/// its first-response target, the supervisor's dashboard shows the breach live and the agent's countdown turns red;
/// an admin sets up a queue with hours, a skill and an SLA in the admin pages, and the next visitor's chat goes to the
/// agent with that skill, whose workspace counts down its first response.
/// </summary>
[Collection(WebCollection.Name)]
public class SlaInTheBrowserTests(WebFixture web)
{
    private static readonly string EveryDay = string.Join("\n",
        new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(day => $"{day} 00:00-00:00"));

    [Fact]
    public async Task An_sla_breach_appears_on_the_dashboard_live_and_the_workspace_countdown_turns_red()
    {
        await using var served = await web.ServedQueueAsync("Dana Diaz");
        await SetSlaAsync(served.Queue, new SlaPolicy(FirstResponse: TimeSpan.FromSeconds(3), Resolution: TimeSpan.FromHours(1)));
        var supervisor = await web.CreateStaffAsync("Sam Sla", role: "supervisor");
        await using var supervisorBrowser = await web.NewContextAsync(1440, 1100);
        var dashboard = await WebPages.SignInAsync(supervisorBrowser, "/dashboard/", supervisor);
        await Expect(dashboard.GetByTestId("sla-panel")).ToBeVisibleAsync();

        // The visitor asks; the agent takes the chat but does not answer yet.
        const string topic = "Where is my parcel?";
        await using var visitor = await web.VisitorOnAsync(served.Queue);
        var site = await WebPages.OpenSiteAsync(visitor, "/");
        await WebPages.OpenWidgetAsync(site);
        await WebPages.StartChatAsync(site, topic);
        var sessionId = await WebPages.SessionIdAsync(site);
        await WebPages.AcceptOfferAsync(served.Workspace, topic);

        // The workspace counts down in the list and the header, and turns red at the due time.
        var header = served.Workspace.Locator(".convo-header").GetByTestId("sla-timer");
        await Expect(header).ToContainTextAsync("First response");
        await Expect(header).ToHaveAttributeAsync("data-level", "breached");
        await Expect(served.Workspace.GetByRole(AriaRole.List, new() { Name = "Open conversations" }).GetByTestId("sla-timer")).ToHaveAttributeAsync("data-level", "breached");

        // The dashboard, never reloaded, lists the breach under the queue and counts it.
        var queueRow = dashboard.GetByTestId($"sla-queue-{served.Queue}");
        var alert = queueRow.Locator($"[data-testid=sla-alert][data-session='{sessionId}']");
        await Expect(alert).ToHaveAttributeAsync("data-level", "breached");
        await Expect(alert).ToContainTextAsync("First response");
        await Expect(alert).ToContainTextAsync("Dana Diaz");
        await Expect(queueRow.GetByTestId("sla-breaches")).ToHaveTextAsync("1 breach today");
        await Accessibility.ExpectNoSeriousViolationsAsync(dashboard, "the dashboard with an SLA breach");
        await Accessibility.ExpectNoSeriousViolationsAsync(served.Workspace, "the workspace with a breached SLA");
        await WebPages.ScreenshotAsync(dashboard, "dashboard-sla");
        await WebPages.ScreenshotAsync(served.Workspace, "workspace-sla");
        Assert.DoesNotContain("First response", await site.Locator("body").InnerTextAsync()); // the visitor sees no SLA

        // The agent answers, late: the first-response clock stops, the dashboard lets it go and keeps the count.
        await WebPages.AgentSaysAsync(served.Workspace, "Sorry for the wait! Let me check.");
        await Expect(alert).ToHaveCountAsync(0);
        await Expect(queueRow.GetByTestId("sla-breaches")).ToHaveTextAsync("1 breach today");
        await Expect(header).ToContainTextAsync("Resolution");
        await Expect(header).ToHaveAttributeAsync("data-level", "ok");
    }

    [Fact]
    public async Task An_admin_creates_a_queue_with_hours_skills_and_an_sla_and_the_next_visitor_reaches_the_skilled_agent()
    {
        var admin = await web.CreateStaffAsync("Abby Admin", role: "admin");
        await using var adminBrowser = await web.NewContextAsync(1440, 1200);
        var page = await WebPages.SignInAsync(adminBrowser, "/admin/", admin);
        var queueId = $"gold-{Guid.NewGuid().ToString("N")[..8]}";
        var skill = "skill-" + queueId; // the skill WebFixture.CreateStaffAsync gives an agent of this queue

        await page.GetByLabel("Queue id").FillAsync(queueId);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Gold customers");
        await page.GetByLabel("Skills (comma separated)").FillAsync(skill);
        await page.GetByLabel("Time zone (empty: always open)").FillAsync("UTC");
        await page.GetByLabel("Opening hours (one span a line: monday 09:00-17:00)").FillAsync(EveryDay);
        await page.GetByLabel("First response within").FillAsync("2:00");
        await page.GetByLabel("Resolution within").FillAsync("1:00:00");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Count business hours only" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a priority band" }).ClickAsync();
        var band = page.GetByRole(AriaRole.Group, new() { Name = "SLA band 1" });
        await band.GetByLabel("From priority").FillAsync("500");
        await band.GetByLabel("First response", new() { Exact = true }).FillAsync("30");
        await Accessibility.ExpectNoSeriousViolationsAsync(page, "the queue form with an SLA policy");
        await page.GetByRole(AriaRole.Group, new() { Name = "SLA policy" }).ScrollIntoViewIfNeededAsync();
        await WebPages.ScreenshotAsync(page, "admin-sla");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create queue" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = queueId });
        await Expect(row).ToContainTextAsync("UTC, 7 spans");
        await Expect(row).ToContainTextAsync("first 2:00 · resolve 1:00:00 · 1 band · business hours");

        using (var http = web.Server.Http(web.Server.AdminToken))
        {
            var stored = (await http.GetFromJsonAsync<QueueSnapshot>($"/api/queues/{queueId}", EndToEndFixture.Json))!.Definition;
            Assert.Equal(new SlaPolicy(TimeSpan.FromMinutes(2), null, TimeSpan.FromHours(1), true, [new SlaBand(500, TimeSpan.FromSeconds(30))]),
                stored.Sla! with { Bands = stored.Sla!.Bands }, SlaPolicyComparer.Instance);
            Assert.Equal([skill], stored.Skills);
        }

        // An agent with the queue's skill signs in; the next visitor of the queue is offered to them.
        var gwen = await web.CreateStaffAsync("Gwen Gold", queue: queueId);
        await using var agentBrowser = await web.NewContextAsync();
        var workspace = await WebPages.OpenWorkspaceAsync(agentBrowser, gwen);
        const string topic = "Upgrading my gold plan";
        await using var visitor = await web.VisitorOnAsync(queueId);
        var site = await WebPages.OpenSiteAsync(visitor, "/");
        await WebPages.OpenWidgetAsync(site);
        await WebPages.StartChatAsync(site, topic);
        await Expect(workspace.GetByTestId("offer").Filter(new() { HasText = topic })).ToContainTextAsync($"New chat · {queueId}");
        await WebPages.AcceptOfferAsync(workspace, topic);
        await Expect(workspace.Locator(".convo-header").GetByTestId("sla-timer")).ToContainTextAsync("First response:");
        await WebPages.AgentSaysAsync(workspace, "Hello! Happy to help with the upgrade.");
        await Expect(site.Locator(".msg-other .bubble").Last).ToHaveTextAsync("Hello! Happy to help with the upgrade.");
        await Expect(workspace.Locator(".convo-header").GetByTestId("sla-timer")).ToContainTextAsync("Resolution:");
    }

    /// <summary>Gives a test's queue an SLA policy over REST, keeping its other settings.</summary>
    private async Task SetSlaAsync(string queueId, SlaPolicy sla)
    {
        using var http = web.Server.Http(web.Server.AdminToken);
        var definition = (await http.GetFromJsonAsync<QueueSnapshot>($"/api/queues/{queueId}", EndToEndFixture.Json))!.Definition;
        (await http.PutAsJsonAsync($"/api/queues/{queueId}", definition with { Sla = sla }, EndToEndFixture.Json)).EnsureSuccessStatusCode();
    }

    /// <summary>Policies compared by value, bands included (records compare arrays by reference).</summary>
    private sealed class SlaPolicyComparer : IEqualityComparer<SlaPolicy>
    {
        public static readonly SlaPolicyComparer Instance = new();

        public bool Equals(SlaPolicy? a, SlaPolicy? b) =>
            a is not null && b is not null && a with { Bands = null } == b with { Bands = null } && (a.Bands ?? []).SequenceEqual(b.Bands ?? []);

        public int GetHashCode(SlaPolicy policy) => (policy with { Bands = null }).GetHashCode();
    }
}
