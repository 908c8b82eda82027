using System.Globalization;
using System.Text.RegularExpressions;
using Engagement.Media.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// A chat escalates to a video call in the product's own front ends: the visitor starts it in the widget, the
/// agent accepts in the workspace, both decode the other's video and receive audio (the call panel's getStats()
/// figures), the agent mutes, the visitor hangs up, and the transcript records the call.
/// </summary>
[Collection(WebCollection.Name)]
public class CallInTheBrowserTests(WebFixture web)
{
    [Fact]
    public async Task A_visitor_escalates_to_video_the_agent_accepts_mutes_and_the_visitor_hangs_up()
    {
        var agent = await web.CreateStaffAsync("Maya Chen", title: "Solutions engineer");
        await using var agentBrowser = await web.NewContextAsync(1440, 900);
        var workspace = await WebPages.OpenWorkspaceAsync(agentBrowser, agent);
        await using var visitorBrowser = await web.NewContextAsync(1280, 860);
        var site = await WebPages.OpenSiteAsync(visitorBrowser, "/");
        await WebPages.OpenWidgetAsync(site);
        const string topic = "Could you walk me through the reports?";
        await WebPages.ChatWithAsync(site, workspace, "Maya Chen", topic);

        // The visitor escalates to video; the workspace rings and the agent accepts.
        await site.GetByRole(AriaRole.Button, new() { Name = "Video call", Exact = true }).ClickAsync();
        var visitorCall = site.GetByTestId("call");
        var agentCall = workspace.GetByTestId("call");
        await Expect(visitorCall).ToHaveAttributeAsync("data-call-phase", "outgoing");
        await Expect(agentCall.GetByText("is calling")).ToBeVisibleAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "the widget calling");
        await Accessibility.ExpectNoSeriousViolationsAsync(workspace, "the workspace ringing");
        await agentCall.GetByRole(AriaRole.Button, new() { Name = "Accept call", Exact = true }).ClickAsync();
        await Expect(agentCall).ToHaveAttributeAsync("data-call-phase", "active");
        await Expect(visitorCall).ToHaveAttributeAsync("data-call-phase", "active");

        // Both sides decode the other's video and receive audio.
        foreach (var call in new[] { visitorCall, agentCall })
        {
            await Expect(call).ToHaveAttributeAsync("data-media-state", "connected");
            await Eventually.Until(() => Figure(call, "data-video-frames-decoded"), n => n > 10, "the other side's video is decoded");
            await Eventually.Until(() => Figure(call, "data-audio-samples-received"), n => n > 0, "the other side's audio arrives");
        }

        // The chat stays usable during the call.
        await WebPages.ReplyBox(workspace).FillAsync("I can see you! Let me open the reports page with you.");
        await WebPages.ReplyBox(workspace).PressAsync("Enter");
        await Expect(site.Locator(".msg-other .bubble").Last).ToContainTextAsync("open the reports page");
        await Expect(visitorCall.GetByTestId("call-status")).ToHaveTextAsync(new Regex(@"^\d+:\d\d$"));
        await WebPages.ScreenshotAsync(site, "widget-call");
        await WebPages.ScreenshotAsync(workspace, "workspace-call");
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "the widget in a video call");
        await Accessibility.ExpectNoSeriousViolationsAsync(workspace, "the workspace in a video call");

        // The agent mutes; the visitor sees it.
        var mute = agentCall.GetByRole(AriaRole.Button, new() { Name = "Mute", Exact = true });
        await mute.ClickAsync();
        await Expect(mute).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(visitorCall.GetByTestId("call-other-muted")).ToHaveTextAsync(new Regex("Maya Chen is muted"));

        // The visitor hangs up: the call ends on both sides and the transcript has its lines.
        await visitorCall.GetByRole(AriaRole.Button, new() { Name = "Hang up", Exact = true }).ClickAsync();
        await Expect(workspace.Locator("[data-testid=call][data-call-phase=active]")).ToHaveCountAsync(0);
        await Expect(site.GetByRole(AriaRole.Button, new() { Name = "Video call", Exact = true })).ToBeVisibleAsync();
        foreach (var page in new[] { site, workspace })
        {
            var events = page.Locator(".msg-event");
            await Expect(events.Filter(new() { HasText = "started a video call" })).ToHaveCountAsync(1);
            await Expect(events.Filter(new() { HasText = "Maya Chen joined the call" })).ToHaveCountAsync(1);
            await Expect(events.Filter(new() { HasTextRegex = new Regex(@"hung up\. The call lasted (\d+ min )?\d+ s") })).ToHaveCountAsync(1);
        }
    }

    [Fact]
    public async Task An_agent_calls_with_audio_and_the_visitor_turns_the_camera_on_and_off()
    {
        var agent = await web.CreateStaffAsync("Tomas Silva", title: "Account manager");
        await using var agentBrowser = await web.NewContextAsync(1440, 900);
        var workspace = await WebPages.OpenWorkspaceAsync(agentBrowser, agent);
        await using var visitorBrowser = await web.NewContextAsync(1280, 860);
        var site = await WebPages.OpenSiteAsync(visitorBrowser, "/");
        await WebPages.OpenWidgetAsync(site);
        const string topic = "Renewing our contract";
        await WebPages.ChatWithAsync(site, workspace, "Tomas Silva", topic);

        // The agent calls (audio); the visitor accepts: both hear each other, no video yet.
        await workspace.GetByRole(AriaRole.Button, new() { Name = "Call", Exact = true }).ClickAsync();
        var visitorCall = site.GetByTestId("call");
        var agentCall = workspace.GetByTestId("call");
        await Expect(visitorCall.GetByText("Tomas Silva is calling")).ToBeVisibleAsync();
        await Expect(visitorCall).ToContainTextAsync("Audio call");
        await visitorCall.GetByRole(AriaRole.Button, new() { Name = "Accept call", Exact = true }).ClickAsync();
        foreach (var call in new[] { visitorCall, agentCall })
        {
            await Expect(call.Locator("[data-layout=audio]")).ToBeVisibleAsync();
            await Eventually.Until(() => Figure(call, "data-audio-samples-received"), n => n > 0, "the other side's audio arrives");
        }

        // The visitor turns the camera on: the agent receives it (a new track, a new offer) and decodes it.
        var camera = visitorCall.GetByRole(AriaRole.Button, new() { Name = "Camera", Exact = true });
        await camera.ClickAsync();
        await Expect(camera).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(agentCall.Locator("[data-layout=video] video.call-remote")).ToBeVisibleAsync();
        await Eventually.Until(() => Figure(agentCall, "data-video-frames-decoded"), n => n > 10, "the agent decodes the visitor's new video");

        // And off again: the agent's call goes back to audio.
        await camera.ClickAsync();
        await Expect(camera).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(agentCall.Locator("[data-layout=audio]")).ToBeVisibleAsync();

        await agentCall.GetByRole(AriaRole.Button, new() { Name = "Hang up", Exact = true }).ClickAsync();
        await Expect(site.Locator(".msg-event").Filter(new() { HasTextRegex = new Regex(@"Tomas Silva hung up\. The call lasted") })).ToHaveCountAsync(1);
        await Expect(site.Locator(".msg-event").Filter(new() { HasText = "Tomas Silva started an audio call" })).ToHaveCountAsync(1);
    }

    private static async Task<long> Figure(ILocator call, string attribute) =>
        long.Parse(await call.GetAttributeAsync(attribute) ?? "0", CultureInfo.InvariantCulture);
}
