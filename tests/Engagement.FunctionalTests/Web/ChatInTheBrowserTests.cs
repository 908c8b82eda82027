using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>A visitor opens the widget on the sample site, an agent accepts in the workspace, and they chat both ways.</summary>
[Collection(WebCollection.Name)]
public class ChatInTheBrowserTests(WebFixture web)
{
    [Fact]
    public async Task A_visitor_and_an_agent_chat_both_ways_with_typing_and_read_receipts()
    {
        var agent = await web.CreateStaffAsync("Priya Nair", title: "Product specialist");
        await using var agentBrowser = await web.NewContextAsync();
        var workspace = await WebPages.OpenWorkspaceAsync(agentBrowser, agent);

        await using var visitorBrowser = await web.NewContextAsync(1280, 860);
        var site = await WebPages.OpenSiteAsync(visitorBrowser, "/");
        await WebPages.OpenWidgetAsync(site);
        // The directory shows the representative live, and the team is online.
        await Expect(site.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Chat with Priya Nair, Product specialist, support, Available$") })).ToBeVisibleAsync();
        await Expect(site.GetByTestId("agents-online")).ToContainTextAsync("online now");

        const string topic = "Which plan fits a team of 12?";
        await site.GetByLabel("What can we help you with? (optional)").FillAsync(topic);
        await site.GetByRole(AriaRole.Button, new() { Name = "Chat with the Lumina team" }).ClickAsync();
        await Expect(site.GetByTestId("queue-status")).ToBeVisibleAsync();
        await WebPages.MessageBox(site).FillAsync("Hi! We're 12 people, mostly analysts.");
        await WebPages.MessageBox(site).PressAsync("Enter");

        // The agent gets the offer with the topic and a countdown, accepts, and sees the visitor's message.
        await Expect(workspace.GetByTestId("offer")).ToContainTextAsync(topic);
        await Expect(workspace.GetByTestId("offer").GetByRole(AriaRole.Timer)).ToBeVisibleAsync();
        await WebPages.AcceptOfferAsync(workspace, topic);
        await Expect(workspace.Locator(".msg-other .bubble")).ToHaveTextAsync("Hi! We're 12 people, mostly analysts.");
        await Expect(site.Locator(".convo-title")).ToContainTextAsync("Priya Nair");

        // Visitor typing shows in the workspace; the agent's answer reaches the widget.
        await WebPages.MessageBox(site).PressSequentiallyAsync("Also, do you");
        await Expect(workspace.GetByText(new Regex("is typing"))).ToBeVisibleAsync();
        await WebPages.ReplyBox(workspace).FillAsync("Hi! Growth is the usual pick for a team of 12.");
        await WebPages.ReplyBox(workspace).PressAsync("Enter");
        await Expect(site.Locator(".msg-other .bubble").Last).ToHaveTextAsync("Hi! Growth is the usual pick for a team of 12.");

        // The agent typing shows in the widget; the visitor's reply arrives; each side sees "Seen".
        await WebPages.ReplyBox(workspace).PressSequentiallyAsync("Let me check");
        await Expect(site.GetByText(new Regex("Priya Nair is typing"))).ToBeVisibleAsync();
        await WebPages.MessageBox(site).FillAsync("Do you offer SSO on Growth?");
        await WebPages.MessageBox(site).PressAsync("Enter");
        await Expect(workspace.Locator(".msg-other .bubble").Last).ToHaveTextAsync("Do you offer SSO on Growth?");
        await Expect(site.Locator(".msg-self .receipt").Last).ToHaveTextAsync("Seen");
        await Expect(workspace.Locator(".msg-self .receipt").Last).ToHaveTextAsync("Seen");

        await WebPages.ScreenshotAsync(site, "widget");
    }
}
