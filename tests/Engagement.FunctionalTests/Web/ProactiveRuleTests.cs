using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// Proactive rules fire in the customer's grain as the visitor browses: one alerts the agents watching the
/// site, one invites the visitor, who accepts and is offered to the agent.
/// </summary>
[Collection(WebCollection.Name)]
public class ProactiveRuleTests(WebFixture web)
{
    [Fact]
    public async Task A_rule_alerts_agents_and_a_rule_invites_the_visitor_who_accepts()
    {
        var agent = await web.CreateStaffAsync("Sofia Lind", title: "Account executive");
        await using var agentBrowser = await web.NewContextAsync();
        var workspace = await WebPages.OpenWorkspaceAsync(agentBrowser, agent);

        // The visitor shows up among the visitors on site, live, with the page they are on.
        await using var visitorBrowser = await web.NewContextAsync(1280, 860);
        var site = await WebPages.OpenSiteAsync(visitorBrowser, "/contact/");
        var customerId = await WebPages.CustomerIdAsync(site);
        await workspace.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Visitors") }).ClickAsync();
        var row = workspace.Locator($"[data-testid=site-visitor][data-customer='{customerId}']");
        await Expect(row).ToContainTextAsync("/contact/");

        // The notify rule alerts the agent.
        await Expect(workspace.GetByRole(AriaRole.Region, new() { Name = "Notifications" })).ToContainTextAsync(WebFixture.ContactAlertName);
        await Accessibility.ExpectNoSeriousViolationsAsync(workspace, "the workspace's visitors on site with an alert");

        // The invite rule fires on the pricing page; the visitor accepts and the agent gets the chat.
        await site.GetByRole(AriaRole.Link, new() { Name = "Pricing", Exact = true }).First.ClickAsync();
        await Expect(row).ToContainTextAsync("/pricing/");
        var invitation = site.GetByRole(AriaRole.Alertdialog);
        await Expect(invitation).ToContainTextAsync(WebFixture.PricingInvitation);
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "the widget's invitation");
        await invitation.GetByRole(AriaRole.Button, new() { Name = "Chat now" }).ClickAsync();
        await Expect(workspace.GetByTestId("offer")).ToBeVisibleAsync();
        await workspace.GetByTestId("offer").GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(WebPages.ReplyBox(workspace)).ToBeVisibleAsync();
        await Expect(site.Locator(".convo-title")).ToContainTextAsync("Sofia Lind");
        // Back in the visitors list (an offer brought the inbox forward), the visitor is now in a chat.
        await workspace.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Visitors") }).ClickAsync();
        await Expect(row).ToContainTextAsync("In chat");
    }

    [Fact]
    public async Task An_agent_invites_a_visitor_from_the_visitors_on_site()
    {
        var agent = await web.CreateStaffAsync("Tom Berg", title: "Support engineer");
        await using var agentBrowser = await web.NewContextAsync();
        var workspace = await WebPages.OpenWorkspaceAsync(agentBrowser, agent);
        await using var visitorBrowser = await web.NewContextAsync(1280, 860);
        var site = await WebPages.OpenSiteAsync(visitorBrowser, "/");
        var customerId = await WebPages.CustomerIdAsync(site);

        await workspace.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Visitors") }).ClickAsync();
        var row = workspace.Locator($"[data-testid=site-visitor][data-customer='{customerId}']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await row.GetByLabel("Invitation message").FillAsync("Hi, I'm Tom — can I help you pick a plan?");
        await row.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();

        var invitation = site.GetByRole(AriaRole.Alertdialog);
        await Expect(invitation).ToContainTextAsync("Hi, I'm Tom — can I help you pick a plan?");
        await Expect(invitation).ToContainTextAsync("Tom Berg");
        await invitation.GetByRole(AriaRole.Button, new() { Name = "Chat now" }).ClickAsync();
        await workspace.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Inbox") }).ClickAsync();
        await workspace.GetByTestId("offer").GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(site.Locator(".convo-title")).ToContainTextAsync("Tom Berg");
    }
}
