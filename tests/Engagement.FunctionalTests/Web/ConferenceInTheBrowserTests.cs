using System.Globalization;
using System.Text.RegularExpressions;
using Engagement.Media.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// Issue 12 in the browser (docs/protocol.md, Agent hub: conference; docs/web.md): a visitor and an agent in a video
/// call, the agent invites a colleague, who accepts, writes and joins the call; each of the three pages (the widget
/// and two workspaces) shows a tile per other party and receives live media from both (frames decoded, audio energy);
/// the colleague leaves and the call goes on between the two who stay.
/// </summary>
[Collection(WebCollection.Name)]
public class ConferenceInTheBrowserTests(WebFixture web)
{
    [Fact]
    public async Task A_three_party_conference_call_with_media_checked_in_every_page()
    {
        // Ben serves a queue of his own, so the visitor's chat reaches him only by the invite.
        const string topic = "Can you both look at our rollout plan?";
        await using var chat = await ChatWithColleague.StartAsync(web, "Alice Moreau", "Ben Ortiz", topic);
        var (alice, ben, benWorkspace, site) = (chat.Workspace, chat.Colleague, chat.ColleagueWorkspace, chat.Site);
        var customerId = await WebPages.CustomerIdAsync(site);

        // The visitor and Alice in a video call.
        await site.GetByRole(AriaRole.Button, new() { Name = "Video call", Exact = true }).ClickAsync();
        var aliceCall = alice.GetByTestId("call");
        await aliceCall.GetByRole(AriaRole.Button, new() { Name = "Accept call", Exact = true }).ClickAsync();
        await Expect(aliceCall).ToHaveAttributeAsync("data-call-phase", "active");

        // Alice invites Ben with a note; the chat header says so until he answers.
        const string note = "Rollout in three regions; they want a video walkthrough.";
        await alice.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        var dialog = alice.GetByRole(AriaRole.Dialog, new() { NameRegex = new Regex("^Invite a colleague") });
        await dialog.GetByLabel("Colleague").SelectOptionAsync($"agent:{ben.AgentId}");
        await dialog.GetByLabel("Private note (optional)").FillAsync(note);
        await Accessibility.ExpectNoSeriousViolationsAsync(alice, "the invite dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        await Expect(alice.GetByTestId("convo-members")).ToContainTextAsync("Inviting Ben Ortiz…");

        // Ben's offer says who invites him, with the note; he accepts, and everyone sees him join.
        var offer = benWorkspace.GetByTestId("offer").Filter(new() { HasText = topic });
        await Expect(offer).ToContainTextAsync("Alice Moreau invites you to join");
        await Expect(offer.GetByTestId("offer-note")).ToContainTextAsync(note);
        await WebPages.AcceptOfferAsync(benWorkspace, topic);
        await Expect(site.Locator(".msg-event").Filter(new() { HasText = "Ben Ortiz joined the conversation." })).ToBeVisibleAsync();
        await Expect(alice.GetByTestId("convo-members")).ToContainTextAsync("In this conversation: you, Ben Ortiz");
        await Expect(benWorkspace.GetByTestId("convo-members")).ToContainTextAsync("In this conversation: Alice Moreau, you");
        await WebPages.AgentSaysAsync(benWorkspace, "Hi, I'm Ben from the rollout team.");
        var bensMessage = site.Locator(".msg-other").Filter(new() { HasText = "Hi, I'm Ben from the rollout team." });
        await Expect(bensMessage.Locator(".msg-author")).ToContainTextAsync("Ben Ortiz");

        // Ben joins the call going on: three parties.
        var benCall = benWorkspace.GetByTestId("call");
        await Expect(benCall).ToHaveAttributeAsync("data-call-phase", "joinable");
        await benCall.GetByRole(AriaRole.Button, new() { Name = "Join call", Exact = true }).ClickAsync();
        await Expect(benCall).ToHaveAttributeAsync("data-call-phase", "active");

        // Every page shows a tile per other party and receives live video and audio from both.
        var pages = new (string Who, IPage Page, string[] Others)[]
        {
            ("the visitor", site, [chat.Served.Agent.AgentId, ben.AgentId]),
            ("Alice", alice, [customerId, ben.AgentId]),
            ("Ben", benWorkspace, [customerId, chat.Served.Agent.AgentId]),
        };
        foreach (var (who, page, others) in pages)
        {
            var call = page.GetByTestId("call");
            await Expect(call.GetByTestId("call-tile")).ToHaveCountAsync(2);
            await Expect(call).ToHaveAttributeAsync("data-media-state", "connected");
            foreach (var other in others)
            {
                var tile = call.Locator($"[data-testid=call-tile][data-participant-id='{other}']");
                await Eventually.Until(() => Figure(tile, "data-video-frames-decoded"), n => n > 10, $"{who} decodes {other}'s video");
                await Eventually.Until(() => Figure(tile, "data-audio-samples-received"), n => n > 0, $"{who} receives {other}'s audio");
                await Eventually.Until(() => Energy(tile), e => e > 0, $"{who} hears {other} (audio energy)");
            }
        }
        await Accessibility.ExpectNoSeriousViolationsAsync(alice, "the workspace in a three-party call");
        await Accessibility.ExpectNoSeriousViolationsAsync(site, "the widget in a three-party call");
        await WebPages.ScreenshotAsync(alice, "workspace-conference");
        await WebPages.ScreenshotAsync(site, "widget-conference");

        // Ben leaves the conversation: the call goes on between the visitor and Alice, who keep receiving each other.
        await benWorkspace.GetByRole(AriaRole.Button, new() { Name = "Leave", Exact = true }).ClickAsync();
        await Expect(site.Locator(".msg-event").Filter(new() { HasText = "Ben Ortiz left the conversation." })).ToBeVisibleAsync();
        await Expect(benWorkspace.GetByText("No open conversations.")).ToBeVisibleAsync();
        var visitorCall = site.GetByTestId("call");
        await Expect(visitorCall).ToHaveAttributeAsync("data-call-phase", "active");
        await Expect(alice.GetByTestId("convo-members")).ToHaveCountAsync(0);
        foreach (var call in new[] { visitorCall, aliceCall })
        {
            await Expect(call.Locator("[data-layout=video] video.call-remote")).ToBeVisibleAsync();
            var before = await Figure(call, "data-video-frames-decoded");
            await Eventually.Until(() => Figure(call, "data-video-frames-decoded"), n => n > before + 10, "the two who stay keep receiving video");
        }
        await aliceCall.GetByRole(AriaRole.Button, new() { Name = "Hang up", Exact = true }).ClickAsync();
        await Expect(site.GetByRole(AriaRole.Button, new() { Name = "Video call", Exact = true })).ToBeVisibleAsync();
    }

    private static async Task<long> Figure(ILocator element, string attribute) =>
        long.Parse(await element.GetAttributeAsync(attribute) ?? "0", CultureInfo.InvariantCulture);

    private static async Task<double> Energy(ILocator tile) =>
        double.Parse(await tile.GetAttributeAsync("data-audio-energy") ?? "0", CultureInfo.InvariantCulture);
}
