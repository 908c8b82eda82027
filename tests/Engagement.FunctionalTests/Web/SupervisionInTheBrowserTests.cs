using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// Issue 12, supervision, in the product's front ends (docs/protocol.md, "Agent hub: supervision"): a supervisor opens
/// a live chat from the dashboard's Monitor, whispers to the agent in the chat and on the call — the agent reads and
/// hears it, the visitor's widget gets nothing (no line, no track from the node) — then barges in, and the visitor sees
/// and hears them. Absence is checked once something later has arrived, never by waiting.
/// </summary>
[Collection(WebCollection.Name)]
public class SupervisionInTheBrowserTests(WebFixture web)
{
    [Fact]
    public async Task A_supervisor_whispers_in_a_chat_and_in_a_call_the_visitor_gets_nothing_then_barges_in()
    {
        await using var served = await web.ServedQueueAsync("Alice Moreau");
        var alice = served.Workspace;
        const string topic = "Which plan fits a team of twelve?";
        await using var visitor = await web.VisitorOnAsync(served.Queue);
        var site = await WebPages.OpenSiteAsync(visitor, "/");
        await WebPages.OpenWidgetAsync(site);
        await WebPages.StartChatAsync(site, topic);
        await WebPages.AcceptOfferAsync(alice, topic);

        // The supervisor finds Alice's chat on the dashboard and monitors it in the workspace.
        var sam = await web.CreateStaffAsync("Sam Patel", role: "supervisor");
        await using var samBrowser = await web.NewContextAsync();
        var dashboard = await WebPages.SignInAsync(samBrowser, "/dashboard/", sam);
        var monitor = dashboard.GetByTestId($"agent-{served.Agent.AgentId}").GetByRole(AriaRole.Link, new() { Name = "Monitor Alice Moreau's chat 1" });
        var supervising = await samBrowser.RunAndWaitForPageAsync(() => monitor.ClickAsync());
        var bar = supervising.GetByTestId("supervision-bar");
        await Expect(bar).ToHaveAttributeAsync("data-mode", "monitor");
        await Expect(supervising.Locator(".convo-header")).ToContainTextAsync(topic);
        await Expect(alice.GetByTestId("supervisors-banner")).ToHaveTextAsync("Sam Patel is monitoring");
        await Expect(alice.Locator(".msg-staff").Filter(new() { HasText = "Sam Patel started monitoring." })).ToHaveCountAsync(1);

        // A whisper in the chat: Alice reads it, marked as such; the visitor gets nothing of it.
        const string whisper = "Offer the team plan with the annual discount.";
        var whisperBox = supervising.GetByRole(AriaRole.Textbox, new() { Name = "Whisper", Exact = true });
        await whisperBox.FillAsync(whisper);
        await whisperBox.PressAsync("Enter");
        await Expect(alice.Locator(".msg-whisper .bubble")).ToHaveTextAsync(whisper);
        await Expect(alice.GetByTestId("supervisors-banner")).ToHaveTextAsync("Sam Patel is whispering to you");
        await Expect(bar).ToHaveAttributeAsync("data-mode", "whisper");
        await Accessibility.ExpectNoSeriousViolationsAsync(supervising, "the supervisor's workspace");
        await Accessibility.ExpectNoSeriousViolationsAsync(alice, "the workspace with a whisper");
        await WebPages.AgentSaysAsync(alice, "For twelve people the team plan is best, and yearly it is 20% off.");
        await Expect(site.Locator(".msg-other .bubble").Last).ToHaveTextAsync("For twelve people the team plan is best, and yearly it is 20% off.");
        await Expect(site.GetByText(whisper)).ToHaveCountAsync(0);
        await Expect(site.GetByText(new Regex("Sam Patel|monitoring|whisper"))).ToHaveCountAsync(0);

        // A call: Alice calls, the visitor answers; the supervisor listens and holds push-to-whisper.
        await alice.GetByRole(AriaRole.Button, new() { Name = "Call", Exact = true }).ClickAsync();
        var visitorCall = site.GetByTestId("call");
        var aliceCall = alice.GetByTestId("call");
        await visitorCall.GetByRole(AriaRole.Button, new() { Name = "Accept call", Exact = true }).ClickAsync();
        await Expect(aliceCall).ToHaveAttributeAsync("data-media-state", "connected");
        await Expect(visitorCall).ToHaveAttributeAsync("data-media-state", "connected");
        var dock = supervising.GetByTestId("listen-dock");
        await dock.GetByRole(AriaRole.Button, new() { Name = "Listen to the call" }).ClickAsync();
        await Expect(dock).ToHaveAttributeAsync("data-media-state", "connected");
        var visitorTrack = new Regex(@"(^| )v_");
        await Expect(dock).ToHaveAttributeAsync("data-heard-tracks", visitorTrack); // the supervisor hears the visitor
        var samTrack = new Regex($@"(^| ){Regex.Escape(sam.AgentId)}-");
        var hold = dock.GetByRole(AriaRole.Button, new() { Name = "Hold to whisper to the agent" });
        await hold.HoverAsync();
        await supervising.Mouse.DownAsync();
        await Expect(hold).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(alice.GetByTestId("supervisors-banner")).ToContainTextAsync("(on the call)");
        await Expect(aliceCall).ToHaveAttributeAsync("data-heard-tracks", samTrack); // Alice hears the whisper
        // The node never sent the visitor the supervisor's track: not received, not in its call view.
        await Expect(visitorCall).Not.ToHaveAttributeAsync("data-received-tracks", samTrack);
        await Expect(visitorCall).Not.ToHaveAttributeAsync("data-heard-tracks", samTrack);
        await WebPages.ScreenshotAsync(supervising, "workspace-supervision");
        await WebPages.ScreenshotAsync(alice, "workspace-whisper");
        await supervising.Mouse.UpAsync();
        await Expect(hold).ToHaveAttributeAsync("aria-pressed", "false");

        // The barge: the visitor sees Sam join, reads them and hears them.
        await bar.GetByRole(AriaRole.Button, new() { Name = "Barge in" }).ClickAsync();
        await Expect(bar).ToHaveAttributeAsync("data-mode", "barge");
        await Expect(site.Locator(".msg-event").Filter(new() { HasText = "Sam Patel (supervisor) joined the conversation." })).ToHaveCountAsync(1);
        await Expect(visitorCall).ToHaveAttributeAsync("data-heard-tracks", samTrack);
        var message = supervising.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
        await message.FillAsync("Hi, I'm Sam, Alice's lead: I can confirm the discount.");
        await message.PressAsync("Enter");
        await Expect(site.Locator(".msg-other .bubble").Last).ToHaveTextAsync("Hi, I'm Sam, Alice's lead: I can confirm the discount.");
        await Expect(site.GetByText(whisper)).ToHaveCountAsync(0);
        await Expect(alice.GetByTestId("supervisors-banner")).ToHaveTextAsync("Sam Patel (supervisor) has joined");

        // Stopping: Sam leaves the conversation and the call; the chat goes on between the visitor and Alice.
        await bar.GetByRole(AriaRole.Button, new() { Name = "Stop supervising" }).ClickAsync();
        await Expect(site.Locator(".msg-event").Filter(new() { HasText = "Sam Patel (supervisor) left the conversation." })).ToHaveCountAsync(1);
        await Expect(visitorCall).Not.ToHaveAttributeAsync("data-received-tracks", samTrack);
        await Expect(alice.GetByTestId("supervisors-banner")).ToHaveCountAsync(0);
        await Expect(supervising.GetByTestId("supervision-bar")).ToHaveCountAsync(0);
    }
}
