using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Engagement.FunctionalTests.EndToEnd;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// An admin sets up a queue (hours, skills, SLA, routing) and an agent in it (with a skill level) at /admin/, sees both
/// in the audit log, and the new agent gets the queue's first chat; non-admins are turned away with a clear message.
/// </summary>
[Collection(WebCollection.Name)]
public class AdminPagesTests(WebFixture web)
{
    private static readonly string EveryDay = string.Join("\n",
        new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(day => $"{day} 00:00-00:00"));

    [Fact]
    public async Task An_admin_creates_a_queue_and_an_agent_who_then_gets_its_first_chat()
    {
        var admin = await web.CreateStaffAsync("Ada Admin", role: "admin");
        await using var browser = await web.NewContextAsync(1440, 1000);
        var page = await WebPages.SignInAsync(browser, "/admin/", admin);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var queueId = $"billing-{suffix}";

        await page.GetByLabel("Queue id").FillAsync(queueId);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Billing");
        await page.GetByLabel("Skills (comma separated)").FillAsync($"billing-{suffix}");
        await page.GetByLabel("SLA target (seconds)").FillAsync("45");
        await page.GetByLabel("Time zone (empty: always open)").FillAsync("UTC");
        await page.GetByLabel("Opening hours (one span a line: monday 09:00-17:00)").FillAsync(EveryDay);
        await page.GetByLabel("Pre-chat: ask the name").SelectOptionAsync("optional");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create queue" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = queueId });
        await Expect(row).ToContainTextAsync("45 s");
        await Expect(row).ToContainTextAsync("UTC, 7 spans");

        // The same id again: the API's conflict shows next to the form.
        await page.GetByLabel("Queue id").FillAsync(queueId);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Billing twice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create queue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("conflict");
        await Accessibility.ExpectNoSeriousViolationsAsync(page, "the admin queues page with a refused form");
        await WebPages.ScreenshotAsync(page, "admin-queues");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Agents" }).ClickAsync();
        var email = $"bea-{suffix}@web.test";
        await page.GetByLabel("Display name").FillAsync("Bea Billing");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Skills (comma separated)").FillAsync($"billing-{suffix}");
        await page.GetByLabel("Capacity (chats at once)").FillAsync("2");
        await page.GetByLabel("Password").FillAsync(WebFixture.StaffPassword);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Billing", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToContainTextAsync(queueId);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Audit log" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "queue.create" }).Filter(new() { HasText = queueId })).ToContainTextAsync("slaTarget: 00:00:45");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "agent.create" }).First).ToContainTextAsync("password");
        await Accessibility.ExpectNoSeriousViolationsAsync(page, "the audit log");

        // The new agent signs in through the API and the hub; a visitor's chat in the new queue is offered to them.
        var bea = await web.Server.LoginAsync(email, WebFixture.StaffPassword);
        await using var agent = await HubClient.AgentAsync(web.BaseUrl, bea.Token);
        await agent.WaitFor<AgentStatus>(ClientEvents.AgentStatus);
        var visitorToken = await web.Server.NewVisitorAsync();
        await using var visitor = await HubClient.VisitorAsync(web.BaseUrl, visitorToken.Token);
        var started = await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queueId, "A question about my invoice"));
        var offer = await agent.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == started.Session.SessionId);
        Assert.Equal(visitorToken.CustomerId, offer.CustomerId);
    }

    [Fact]
    public async Task An_admin_sets_a_queues_routing_and_an_agents_skill_level()
    {
        var admin = await web.CreateStaffAsync("Ava Admin", role: "admin");
        var agent = await web.CreateStaffAsync("Vic Vip");
        await using var browser = await web.NewContextAsync(1440, 1000);
        var page = await WebPages.SignInAsync(browser, "/admin/", admin);
        var queueId = $"vip-{Guid.NewGuid().ToString("N")[..8]}";

        await page.GetByLabel("Queue id").FillAsync(queueId);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("VIP");
        await page.GetByLabel("Priority (0–1000)").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a priority rule" }).ClickAsync();
        var rule = page.GetByRole(AriaRole.Group, new() { Name = "Priority rule 1" });
        await rule.GetByLabel("Attribute").FillAsync("plan");
        await rule.GetByLabel("Equals").FillAsync("enterprise");
        await rule.GetByLabel("Boost").FillAsync("50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a step" }).ClickAsync();
        var step = page.GetByRole(AriaRole.Group, new() { Name = "Step 1" });
        await step.GetByLabel("After (seconds or m:ss)").FillAsync("1:30");
        await step.GetByLabel("Skill level", new() { Exact = true }).FillAsync("11");

        // A level past 10: the server's refusal shows by the form, and nothing is lost.
        await page.GetByRole(AriaRole.Button, new() { Name = "Create queue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("invalid");
        await step.GetByLabel("Then", new() { Exact = true }).SelectOptionAsync("overflowTo");
        await step.GetByLabel("Overflow to queue", new() { Exact = true }).SelectOptionAsync(WebFixture.Queue);
        await Accessibility.ExpectNoSeriousViolationsAsync(page, "the queue form with a routing policy");
        await WebPages.ScreenshotAsync(page, "admin-routing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create queue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = queueId })).ToContainTextAsync("priority 5 · 1 rule · 1 step");

        using var http = web.Server.Http(web.Server.AdminToken);
        var queue = (await http.GetFromJsonAsync<QueueSnapshot>($"/api/queues/{queueId}", EndToEndFixture.Json))?.Definition;
        Assert.NotNull(queue?.Routing);
        Assert.Equal(5, queue.Routing.Priority);
        Assert.Equal(new PriorityRule("plan", "enterprise", 50), Assert.Single(queue.Routing.PriorityRules ?? []));
        var saved = Assert.Single(queue.Routing.Steps ?? []);
        Assert.Equal((TimeSpan.FromSeconds(90), WebFixture.Queue), (saved.After, saved.OverflowTo));

        // The agent's level in their skill.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Agents" }).ClickAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = agent.Email }).GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await page.GetByLabel("Level of support (1–10)").FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = agent.Email })).ToContainTextAsync("support 4");
        var details = await http.GetFromJsonAsync<AgentDetailsDto>($"/api/agents/{agent.AgentId}", EndToEndFixture.Json);
        Assert.Equal(4, details?.Profile.SkillLevels?["support"]);
    }

    [Fact]
    public async Task An_admin_manages_canned_responses_and_proactive_rules()
    {
        var admin = await web.CreateStaffAsync("Abe Admin", role: "admin");
        await using var browser = await web.NewContextAsync(1440, 1000);
        var page = await WebPages.SignInAsync(browser, "/admin/", admin);
        var suffix = Guid.NewGuid().ToString("N")[..8];

        await page.GetByRole(AriaRole.Tab, new() { Name = "Canned responses" }).ClickAsync();
        await page.GetByLabel("Shortcut").FillAsync($"refund{suffix}");
        await page.GetByLabel("Title").FillAsync("Refund policy");
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("Refunds take five working days.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var canned = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"/refund{suffix}" });
        await Expect(canned).ToContainTextAsync("five working days");
        await canned.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(canned).ToHaveCountAsync(0);

        // Seconds on a page without a page: the server's refusal, with its field, shows by the form.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Proactive rules" }).ClickAsync();
        await page.GetByLabel("Rule id").FillAsync($"r-{suffix}");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Nowhere page");
        await page.GetByLabel("Seconds on the page").FillAsync("30");
        await page.GetByLabel("Queue of accepted invitations").SelectOptionAsync(WebFixture.Queue);
        await page.GetByLabel("Message").FillAsync("Can we help?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("invalid");

        await page.GetByLabel("Page path contains").FillAsync($"/nowhere-{suffix}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();
        var rule = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"r-{suffix}" });
        await Expect(rule).ToContainTextAsync("30 s");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = WebFixture.ContactAlertName })).ToHaveCountAsync(1); // the others stay
        await rule.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(rule).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Audit log" }).ClickAsync();
        await page.GetByLabel("Action (e.g. queue. or agent.create)").FillAsync("rules.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = admin.AgentId })).ToHaveCountAsync(2);
        await Accessibility.ExpectNoSeriousViolationsAsync(page, "the audit log filtered");
    }

    /// <summary>The profile half of GET /api/agents/{id} (AgentDetails lives in the API project).</summary>
    private sealed record AgentDetailsDto(AgentProfile Profile);

    [Fact]
    public async Task A_supervisor_is_told_the_pages_are_for_admins()
    {
        var supervisor = await web.CreateStaffAsync("Sol Supervisor", role: "supervisor");
        await using var browser = await web.NewContextAsync();
        var page = await WebPages.SignInAsync(browser, "/admin/", supervisor);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("for admins only");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Queues" })).ToHaveCountAsync(0);
    }
}
