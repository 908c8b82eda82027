using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Engagement.FunctionalTests.EndToEnd;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// The supervisor dashboard counts change live as a conversation is answered, closed with a sale and rated;
/// the visitor's rating is recorded on the session; the agent's away reason shows on the dashboard.
/// </summary>
[Collection(WebCollection.Name)]
public class DashboardAndRatingTests(WebFixture web)
{
    [Fact]
    public async Task The_dashboard_counts_change_and_the_rating_is_recorded()
    {
        var supervisor = await web.CreateStaffAsync("Sam Okafor", role: "supervisor");
        var agent = await web.CreateStaffAsync("Lena Vogel", title: "Billing specialist");
        await using var supervisorBrowser = await web.NewContextAsync(1440, 1000);
        var dashboard = await WebPages.SignInAsync(supervisorBrowser, "/dashboard/", supervisor);
        var supportRow = dashboard.GetByTestId($"queue-{WebFixture.Queue}");
        await Expect(supportRow).ToBeVisibleAsync();
        var answeredBefore = int.Parse(await supportRow.GetByTestId("queue-answered").InnerTextAsync());
        var conversionsBefore = int.Parse(await dashboard.GetByTestId("kpi-conversions-value").InnerTextAsync());
        var ratingsBefore = LeadingNumber(await dashboard.GetByTestId("kpi-csat-sub").InnerTextAsync());

        // The agent signs in: the dashboard shows them available, live.
        await using var agentBrowser = await web.NewContextAsync();
        var workspace = await WebPages.OpenWorkspaceAsync(agentBrowser, agent);
        await Expect(dashboard.GetByTestId($"agent-{agent.AgentId}")).ToContainTextAsync("Available");

        await using var visitorBrowser = await web.NewContextAsync(1280, 860);
        var site = await WebPages.OpenSiteAsync(visitorBrowser, "/");
        await WebPages.OpenWidgetAsync(site);
        const string topic = "Invoice for last month";
        await site.GetByLabel("What can we help you with? (optional)").FillAsync(topic);
        await site.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Chat with Lena Vogel,") }).ClickAsync();
        var sessionId = await WebPages.SessionIdAsync(site);
        await WebPages.AcceptOfferAsync(workspace, topic);
        await Expect(supportRow.GetByTestId("queue-answered")).ToHaveTextAsync((answeredBefore + 1).ToString());
        await Expect(dashboard.GetByTestId($"agent-{agent.AgentId}")).ToContainTextAsync("1/3");

        await WebPages.ReplyBox(workspace).FillAsync("Hi! I've sent the invoice again — and upgraded you to annual billing as asked.");
        await WebPages.ReplyBox(workspace).PressAsync("Enter");
        await Expect(site.Locator(".msg-other .bubble").Last).ToContainTextAsync("upgraded you to annual billing");

        // Wrap-up with an outcome: a sale counts as a conversion.
        await workspace.GetByRole(AriaRole.Button, new() { Name = "Close…" }).ClickAsync();
        await workspace.GetByLabel("Sale").CheckAsync();
        await workspace.GetByRole(AriaRole.Button, new() { Name = "Close conversation" }).ClickAsync();
        await Expect(dashboard.GetByTestId("kpi-conversions-value")).ToHaveTextAsync((conversionsBefore + 1).ToString());
        await Expect(dashboard.GetByTestId("outcome-sale")).ToBeVisibleAsync();

        // The visitor rates the conversation: CSAT 5, NPS 9.
        await site.GetByRole(AriaRole.Radio, new() { Name = "5 stars: Excellent" }).ClickAsync();
        await site.GetByRole(AriaRole.Radio, new() { Name = "9", Exact = true }).ClickAsync();
        await site.GetByLabel("Comment (optional)").FillAsync("Quick and friendly");
        await WebPages.ScreenshotAsync(site, "widget-rating");
        await site.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
        await Expect(site.GetByText("Thanks for your feedback!")).ToBeVisibleAsync();
        await Expect(dashboard.GetByTestId("kpi-csat-sub")).ToHaveTextAsync(new Regex($"^{ratingsBefore + 1} ratings?$"));
        await Expect(dashboard.GetByTestId("kpi-csat-value")).Not.ToHaveTextAsync("—");

        using var http = web.Server.Http(web.Server.AdminToken);
        var session = await http.GetFromJsonAsync<SessionView>($"/api/sessions/{sessionId}", EndToEndFixture.Json);
        Assert.NotNull(session?.Rating);
        Assert.Equal(5, session.Rating.Csat);
        Assert.Equal(9, session.Rating.Nps);
        Assert.Equal("Quick and friendly", session.Rating.Comment);
        Assert.Equal("sale", session.Outcome);

        await WebPages.ScreenshotAsync(dashboard, "dashboard");
        await Accessibility.ExpectNoSeriousViolationsAsync(dashboard, "the dashboard with answered, rated and converted conversations");

        // The agent goes to lunch, then away in their own words: the dashboard shows the reason, with the time since.
        await workspace.GetByLabel("Away reason").SelectOptionAsync("Lunch");
        await Expect(workspace.GetByTestId("agent-presence")).ToContainTextAsync("Away · Lunch");
        await Expect(dashboard.GetByTestId($"agent-{agent.AgentId}")).ToContainTextAsync(new Regex("Away · Lunch · (under )?\\d+ min"));
        await WebPages.ScreenshotAsync(workspace, "workspace-away-reason");
        await workspace.GetByLabel("Away reason").SelectOptionAsync("other");
        await workspace.GetByLabel("Other away reason").FillAsync("Dentist");
        await workspace.GetByRole(AriaRole.Button, new() { Name = "Set", Exact = true }).ClickAsync();
        await Expect(dashboard.GetByTestId($"agent-{agent.AgentId}")).ToContainTextAsync("Away · Dentist");
        await Expect(workspace.GetByLabel("Away reason")).ToHaveValueAsync("other");
        await Accessibility.ExpectNoSeriousViolationsAsync(workspace, "the workspace away with a reason");
    }

    private static int LeadingNumber(string text) => int.Parse(Regex.Match(text, @"^\d+").Value);
}
