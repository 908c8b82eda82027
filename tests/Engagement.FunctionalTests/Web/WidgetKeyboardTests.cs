using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Engagement.FunctionalTests.EndToEnd;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// A visitor who uses only the keyboard: reaches the launcher, asks, chats and rates without a mouse, always seeing
/// where focus is; axe-core finds nothing serious in the widget at any step.
/// </summary>
[Collection(WebCollection.Name)]
public class WidgetKeyboardTests(WebFixture web)
{
    [Fact]
    public async Task A_visitor_starts_a_chat_sends_and_rates_with_the_keyboard_only()
    {
        await using var served = await web.ServedQueueAsync("Ada Moreau", "Support engineer");
        var (queue, workspace) = (served.Queue, served.Workspace);

        await using var visitor = await web.VisitorOnAsync(queue);
        var site = await WebPages.OpenSiteAsync(visitor, "/");
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "the sample site with the widget closed");

        // The launcher is the page's last control: Shift+Tab reaches it, and its focus shows.
        var launcher = await Keyboard.TabToAsync(site, "Open chat", backwards: true);
        Assert.True(launcher.OutlineVisible, "the launcher shows its focus");
        await site.Keyboard.PressAsync("Enter");

        // Opening puts focus in the question, not on "Minimize chat": typing goes there and Enter starts the chat.
        await Keyboard.ExpectFocusOnAsync(site, "What can we help you with?");
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "the widget's start screen");
        Assert.True((await Keyboard.TabToAsync(site, "Chat with the Lumina team")).OutlineVisible, "\"Chat with the Lumina team\" shows its focus");
        Assert.True((await Keyboard.TabToAsync(site, "Minimize chat", backwards: true)).OutlineVisible, "\"Minimize chat\" shows its focus");
        await Keyboard.TabToAsync(site, "What can we help you with?");
        const string topic = "Keyboard shortcuts in reports";
        await site.Keyboard.TypeAsync(topic);
        await site.Keyboard.PressAsync("Enter");

        // The chat starts and focus stays in the composer: the visitor just writes.
        await Expect(site.GetByTestId("queue-status")).ToBeVisibleAsync();
        await Keyboard.ExpectFocusOnAsync(site, "Message");
        await site.Keyboard.TypeAsync("Is there a shortcut to export?");
        await site.Keyboard.PressAsync("Enter");
        await Expect(site.Locator(".msg-self .bubble")).ToHaveTextAsync(["Is there a shortcut to export?"]);
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "the widget waiting for an agent");
        Assert.True((await Keyboard.TabToAsync(site, "End chat", backwards: true)).OutlineVisible, "\"End chat\" shows its focus");
        Assert.True((await Keyboard.TabToAsync(site, "Minimize chat")).OutlineVisible, "\"Minimize chat\" in the conversation shows its focus");
        await Keyboard.TabToAsync(site, "Message");

        await Expect(workspace.GetByTestId("offer")).ToContainTextAsync(topic);
        await Accessibility.ExpectNoSeriousViolationsAsync(workspace, "the workspace with an offer");
        await WebPages.AcceptOfferAsync(workspace, topic);
        await WebPages.AgentSaysAsync(workspace, "Yes: press E in any report.");
        await Expect(site.Locator(".msg-other .bubble").Last).ToHaveTextAsync("Yes: press E in any report.");
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "the widget in a conversation");
        await Accessibility.ExpectNoSeriousViolationsAsync(workspace, "the workspace in a conversation");
        await workspace.GetByRole(AriaRole.Button, new() { Name = "Close…" }).ClickAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(workspace, "the workspace's wrap-up dialog");
        await workspace.GetByRole(AriaRole.Button, new() { Name = "Close conversation" }).ClickAsync();

        // The composer gives way to the rating: focus moves to the stars, a radio group that arrows move through.
        var star = await Keyboard.ExpectFocusOnAsync(site, "1 star");
        Assert.Equal("radio", star.Role);
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "the widget's rating");
        for (var i = 0; i < 3; i++) await site.Keyboard.PressAsync("ArrowRight");
        star = await Keyboard.FocusedAsync(site);
        Assert.Equal(("4 stars: Good", true), (star.Name, star.Checked));
        await Expect(site.GetByRole(AriaRole.Radio, new() { Name = "4 stars: Good" })).ToHaveAttributeAsync("aria-checked", "true");
        await Expect(site.GetByRole(AriaRole.Radio, new() { Name = "1 star: Very poor" })).ToHaveAttributeAsync("tabindex", "-1");
        await site.Keyboard.PressAsync("ArrowLeft");
        await site.Keyboard.PressAsync("ArrowRight");

        // One tab stop per group: Tab goes from the stars to the 0–10 scale, End and ← choose 9.
        await site.Keyboard.PressAsync("Tab");
        Assert.Equal("0", (await Keyboard.FocusedAsync(site)).Name);
        await site.Keyboard.PressAsync("End");
        await site.Keyboard.PressAsync("ArrowLeft");
        Assert.Equal(("9", true), ((await Keyboard.FocusedAsync(site)).Name, (await Keyboard.FocusedAsync(site)).Checked));
        await site.Keyboard.PressAsync("Tab");
        await Keyboard.ExpectFocusOnAsync(site, "Comment");
        await site.Keyboard.TypeAsync("All by keyboard");
        await Keyboard.TabToAsync(site, "Send feedback");
        await site.Keyboard.PressAsync("Enter");
        await Expect(site.GetByText("Thanks for your feedback!")).ToBeVisibleAsync();
        await Keyboard.ExpectFocusOnAsync(site, "Start a new conversation");
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "the widget after rating");

        var sessionId = await WebPages.SessionIdAsync(site);
        using var http = web.Server.Http(web.Server.AdminToken);
        var session = await http.GetFromJsonAsync<SessionView>($"/api/sessions/{sessionId}", EndToEndFixture.Json);
        Assert.Equal((4, (int?)9, "All by keyboard"), (session!.Rating!.Csat, session.Rating.Nps, session.Rating.Comment));
    }

    [Fact]
    public async Task An_agent_reads_the_visitors_place_and_time_live_and_the_dashboard_has_nothing_serious_for_axe()
    {
        var supervisor = await web.CreateStaffAsync("Rita Kowalski", role: "supervisor");
        await using var supervisorBrowser = await web.NewContextAsync(1440, 1000);
        var signIn = await supervisorBrowser.NewPageAsync();
        await signIn.GotoAsync("/dashboard/");
        await Expect(signIn.GetByLabel("Work email")).ToBeVisibleAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(signIn, "the sign-in page");
        await signIn.CloseAsync();
        var dashboard = await WebPages.SignInAsync(supervisorBrowser, "/dashboard/", supervisor);
        await Expect(dashboard.GetByTestId($"queue-{WebFixture.Queue}")).ToBeVisibleAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(dashboard, "the supervisor dashboard");

        await using var served = await web.ServedQueueAsync("Jon Eriksen");
        var (queue, workspace) = (served.Queue, served.Workspace);
        await Accessibility.ExpectNoSeriousViolationsAsync(workspace, "the workspace with no conversation");
        await using var visitor = await web.VisitorOnAsync(queue, timeZone: "Europe/Paris");
        var site = await WebPages.OpenSiteAsync(visitor, "/");
        await WebPages.OpenWidgetAsync(site);
        await WebPages.StartChatAsync(site, "Where is my invoice?");
        await WebPages.AcceptOfferAsync(workspace, "Where is my invoice?");

        // The header says where the visitor is from the moment the agent accepts, and follows them.
        var whereabouts = workspace.GetByTestId("convo-whereabouts");
        await Expect(whereabouts).ToHaveTextAsync("Online on Lumina — real-time analytics for growing stores");
        await site.GotoAsync("/contact/");
        await Expect(whereabouts).ToHaveTextAsync(new Regex("^Online on Contact"));

        // Time on the site counts up like the page's time, and the part of day is the one in Paris.
        var onSite = workspace.GetByTestId("ctx-on-site");
        var first = await onSite.InnerTextAsync();
        await Expect(onSite).Not.ToHaveTextAsync(first, new() { Timeout = 10_000 });
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        static string PartOfDay(int hour) => hour < 6 ? "night" : hour < 12 ? "morning" : hour < 18 ? "afternoon" : hour < 22 ? "evening" : "night";
        var parts = new[] { DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1) }.Select(t => PartOfDay(TimeZoneInfo.ConvertTime(t, paris).Hour)).Distinct();
        await Expect(workspace.GetByTestId("ctx-local-time")).ToContainTextAsync(new Regex($"({string.Join("|", parts)}) · Europe/Paris"));

        await workspace.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Visitors") }).ClickAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(workspace, "the workspace's visitors on site");
    }
}
