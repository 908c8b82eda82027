using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Engagement.FunctionalTests.EndToEnd;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// The widget's conversation as a visitor lives it: the place in line from the first moment, one conversation in
/// every tab, the panel that stays open across pages, and what the visitor is never shown (the staff's outcome).
/// </summary>
[Collection(WebCollection.Name)]
public class WidgetConversationTests(WebFixture web)
{
    [Fact]
    public async Task The_place_in_line_shows_on_the_first_wait_without_a_reload()
    {
        var queue = await web.CreateQueueAsync(); // nobody serves it: both visitors wait
        await using var first = await web.VisitorOnAsync(queue);
        var firstSite = await WebPages.OpenSiteAsync(first);
        await WebPages.OpenWidgetAsync(firstSite);
        await WebPages.StartChatAsync(firstSite, "First in line");
        await Expect(firstSite.GetByTestId("queue-status")).ToContainTextAsync("You're next in line");

        await using var second = await web.VisitorOnAsync(queue);
        var secondSite = await WebPages.OpenSiteAsync(second);
        await WebPages.OpenWidgetAsync(secondSite);
        await WebPages.StartChatAsync(secondSite, "Second in line");
        await Expect(secondSite.GetByTestId("queue-status")).ToContainTextAsync("You're number 2 in line");
        await Expect(firstSite.GetByTestId("queue-status")).ToContainTextAsync("You're next in line");
    }

    [Fact]
    public async Task One_visitor_in_two_tabs_has_one_conversation_live_in_both_and_after_reloads()
    {
        await using var served = await web.ServedQueueAsync("Noor Haddad", "Support engineer");
        var (queue, workspace) = (served.Queue, served.Workspace);

        // Two tabs of one visitor (one profile: one localStorage), both on the start screen.
        await using var visitor = await web.VisitorOnAsync(queue);
        var before = await WebPages.OpenSiteAsync(visitor, "/");
        await WebPages.CustomerIdAsync(before);
        var other = await WebPages.OpenSiteAsync(visitor, "/contact/");
        await WebPages.OpenWidgetAsync(before);
        await WebPages.OpenWidgetAsync(other);
        await Expect(before.GetByRole(AriaRole.Button, new() { Name = "Chat with the Lumina team" })).ToBeVisibleAsync();

        // The chat starts in one tab; the tab opened before it shows it at once, with no start screen left to start a second.
        const string topic = "Exporting dashboards to PDF";
        await WebPages.StartChatAsync(other, topic);
        await Expect(other.GetByTestId("queue-status")).ToBeVisibleAsync();
        await Expect(before.GetByTestId("queue-status")).ToBeVisibleAsync();
        await Expect(before.GetByRole(AriaRole.Button, new() { Name = "Chat with the Lumina team" })).ToHaveCountAsync(0);
        var sessionId = await WebPages.SessionIdAsync(other);

        // Either tab writes; both show it.
        await WebPages.VisitorSaysAsync(before, "Written in the first tab");
        await Expect(other.Locator(".msg-self .bubble")).ToHaveTextAsync(["Written in the first tab"]);

        // The agent is offered one conversation, and the replies reach both tabs.
        await WebPages.AcceptOfferAsync(workspace, topic);
        await Expect(workspace.GetByTestId("offer")).ToHaveCountAsync(0);
        await WebPages.AgentSaysAsync(workspace, "Hi! PDF export is under Share.");
        foreach (var tab in new[] { before, other })
            await Expect(tab.Locator(".msg-other .bubble").Last).ToHaveTextAsync("Hi! PDF export is under Share.");

        // After reloads, both tabs still show the conversation and keep receiving it live.
        await before.ReloadAsync();
        await other.ReloadAsync();
        foreach (var tab in new[] { before, other }) await WebPages.OpenWidgetAsync(tab);
        await WebPages.AgentSaysAsync(workspace, "And it keeps your filters.");
        foreach (var tab in new[] { before, other })
        {
            await Expect(tab.Locator(".msg-other .bubble").Last).ToHaveTextAsync("And it keeps your filters.");
            await WebPages.ExpectWholeThreadAsync(web, tab, sessionId, ["Written in the first tab"]);
        }
        await WebPages.VisitorSaysAsync(other, "Thanks, found it.");
        await Expect(workspace.Locator(".msg-other .bubble").Last).ToHaveTextAsync("Thanks, found it.");
        await Expect(workspace.Locator(".convo-row")).ToHaveCountAsync(1);

        // The end reaches both tabs; rating in one thanks the visitor in both, and a new start in one is a new start in both.
        await workspace.GetByRole(AriaRole.Button, new() { Name = "Close…" }).ClickAsync();
        await workspace.GetByRole(AriaRole.Button, new() { Name = "Close conversation" }).ClickAsync();
        await Expect(before.GetByRole(AriaRole.Radiogroup, new() { Name = "Satisfaction, 1 to 5 stars" })).ToBeVisibleAsync();
        await other.GetByRole(AriaRole.Radio, new() { Name = "4 stars: Good" }).ClickAsync();
        await other.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
        await Expect(before.GetByText("Thanks for your feedback!")).ToBeVisibleAsync();
        await before.GetByRole(AriaRole.Button, new() { Name = "Start a new conversation" }).ClickAsync();
        await Expect(other.GetByRole(AriaRole.Button, new() { Name = "Chat with the Lumina team" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_visitor_is_never_shown_the_outcome_the_agent_chose()
    {
        await using var served = await web.ServedQueueAsync("Ivo Petrov");
        var (queue, workspace) = (served.Queue, served.Workspace);
        await using var visitor = await web.VisitorOnAsync(queue);
        var site = await WebPages.OpenSiteAsync(visitor, "/");
        await WebPages.OpenWidgetAsync(site);
        const string topic = "Is this a real offer?";
        await WebPages.StartChatAsync(site, topic);
        var sessionId = await WebPages.SessionIdAsync(site);
        await WebPages.AcceptOfferAsync(workspace, topic);

        await workspace.GetByRole(AriaRole.Button, new() { Name = "Close…" }).ClickAsync();
        await workspace.GetByLabel("Spam").CheckAsync();
        await workspace.GetByRole(AriaRole.Button, new() { Name = "Close conversation" }).ClickAsync();

        await Expect(site.GetByRole(AriaRole.Radiogroup, new() { Name = "Satisfaction, 1 to 5 stars" })).ToBeVisibleAsync();
        await Expect(site.Locator(".messages .msg-event").Last).ToContainTextAsync("The session was closed");
        await Expect(site.Locator(".messages")).Not.ToContainTextAsync(new Regex("spam", RegexOptions.IgnoreCase));
        // Nor in what the server gives the visitor: the session, its transcript, a reloaded page's join.
        var token = await site.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('engagement.visitor@' + location.origin)).token");
        using var asVisitor = web.Server.Http(token);
        var seen = await asVisitor.GetFromJsonAsync<SessionView>($"/api/sessions/{sessionId}", EndToEndFixture.Json);
        Assert.Equal(SessionStatus.Closed, seen!.Status);
        Assert.Null(seen.Outcome);
        var transcript = await asVisitor.GetStringAsync($"/api/sessions/{sessionId}/transcript?afterSeq=0&limit=200");
        Assert.DoesNotContain("spam", transcript, StringComparison.OrdinalIgnoreCase);
        await site.ReloadAsync();
        await WebPages.OpenWidgetAsync(site);
        await Expect(site.Locator(".messages .msg-event").Last).ToContainTextAsync("The session was closed");
        await Expect(site.Locator(".messages")).Not.ToContainTextAsync(new Regex("spam", RegexOptions.IgnoreCase));

        // The staff still have it.
        using var asAdmin = web.Server.Http(web.Server.AdminToken);
        Assert.Equal("spam", (await asAdmin.GetFromJsonAsync<SessionView>($"/api/sessions/{sessionId}", EndToEndFixture.Json))!.Outcome);
    }

    [Fact]
    public async Task The_chat_panel_stays_open_across_pages_and_stays_closed_once_closed()
    {
        var queue = await web.CreateQueueAsync();
        await using var visitor = await web.VisitorOnAsync(queue);
        var site = await WebPages.OpenSiteAsync(visitor, "/");
        await WebPages.OpenWidgetAsync(site);
        var panel = site.GetByRole(AriaRole.Dialog, new() { NameRegex = new Regex("^Chat with") });

        await site.GotoAsync("/contact/");
        await Expect(panel).ToBeVisibleAsync();
        await site.ReloadAsync();
        await Expect(panel).ToBeVisibleAsync();
        // Restored, not opened: the page keeps its own focus.
        Assert.Equal("BODY", await site.EvaluateAsync<string>("() => document.activeElement.tagName"));

        await site.GetByRole(AriaRole.Button, new() { Name = "Minimize chat" }).ClickAsync();
        await Expect(panel).ToHaveCountAsync(0);
        await site.GotoAsync("/");
        await Expect(WebPages.Launcher(site)).ToBeVisibleAsync();
        await Expect(panel).ToHaveCountAsync(0);
    }
}
