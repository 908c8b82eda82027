using System.Text.RegularExpressions;
using Engagement.Media.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// Issue 12 in the browser (docs/protocol.md, Agent hub: transfer; docs/web.md): an agent hands a live chat to a
/// colleague with a private note; the colleague sees whom it comes from and the note, takes it, and the visitor goes on
/// chatting with them while the first agent's list lets it go.
/// </summary>
[Collection(WebCollection.Name)]
public class TransferInTheBrowserTests(WebFixture web)
{
    [Fact]
    public async Task An_agent_transfers_a_chat_to_a_colleague_who_takes_it_and_the_visitor_chats_on_with_them()
    {
        const string topic = "Can I get a refund for last month?";
        // Ben serves a queue of his own, so the visitor's chat reaches him only by the transfer.
        await using var chat = await ChatWithColleague.StartAsync(web, "Alice Moreau", "Ben Ortiz", topic);
        var (alice, ben, benWorkspace, site) = (chat.Workspace, chat.Colleague, chat.ColleagueWorkspace, chat.Site);
        await WebPages.VisitorSaysAsync(site, "I was charged twice in November.");
        await Expect(alice.Locator(".msg-other .bubble").Last).ToHaveTextAsync("I was charged twice in November.");

        // Alice transfers to Ben with a note: the chat says so, with the offer's countdown and a way to call it back.
        const string note = "Double charge in November; refund approved by finance.";
        await alice.GetByRole(AriaRole.Button, new() { Name = "Transfer", Exact = true }).ClickAsync();
        var dialog = alice.GetByRole(AriaRole.Dialog, new() { NameRegex = new Regex("^Transfer the conversation") });
        await dialog.GetByLabel("Transfer to").SelectOptionAsync($"agent:{ben.AgentId}");
        await dialog.GetByLabel("Private note (optional)").FillAsync(note);
        await Accessibility.ExpectNoSeriousViolationsAsync(alice, "the transfer dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Transfer", Exact = true }).ClickAsync();
        var banner = alice.GetByTestId("transfer-banner");
        await Expect(banner).ToContainTextAsync("Transferring to Ben Ortiz…");
        await Expect(banner.GetByRole(AriaRole.Timer)).ToBeVisibleAsync();
        await Expect(banner.GetByRole(AriaRole.Button, new() { Name = "Cancel transfer" })).ToBeVisibleAsync();

        // Ben's offer reads whom it comes from, with the note; he takes it.
        var offer = benWorkspace.GetByTestId("offer").Filter(new() { HasText = topic });
        await Expect(offer).ToContainTextAsync("Transfer from Alice Moreau");
        await Expect(offer.GetByTestId("offer-note")).ToContainTextAsync(note);
        await Accessibility.ExpectNoSeriousViolationsAsync(alice, "the workspace with a transfer under way");
        await WebPages.ScreenshotAsync(alice, "workspace-transfer");
        await WebPages.AcceptOfferAsync(benWorkspace, topic);
        await Expect(benWorkspace.Locator(".msg-other .bubble").Last).ToHaveTextAsync("I was charged twice in November.");

        // The visitor sees the handover line and Ben's reply; Alice's list no longer holds the chat.
        await Expect(site.Locator(".msg-event").Filter(new() { HasText = "handed the conversation over to Ben Ortiz" })).ToBeVisibleAsync();
        await WebPages.AgentSaysAsync(benWorkspace, "Hi, I'm Ben from billing: your refund is on its way.");
        await Expect(site.Locator(".msg-other .bubble").Last).ToHaveTextAsync("Hi, I'm Ben from billing: your refund is on its way.");
        await Expect(alice.GetByRole(AriaRole.List, new() { Name = "Open conversations" })).ToHaveCountAsync(0);
        await Expect(alice.GetByText("No open conversations.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_transfer_the_colleague_cannot_take_or_declines_leaves_the_chat_with_the_agent_and_says_so()
    {
        await using var chat = await ChatWithColleague.StartAsync(web, "Alice Moreau", "Ben Ortiz", "Do you have a discount for charities?");
        var (alice, ben, benWorkspace, site) = (chat.Workspace, chat.Colleague, chat.ColleagueWorkspace, chat.Site);

        // Ben is away: the transfer is refused, in the server's words, and nothing changes.
        await benWorkspace.GetByRole(AriaRole.Button, new() { Name = "Away", Exact = true }).ClickAsync();
        await Expect(benWorkspace.GetByTestId("agent-presence")).ToContainTextAsync("Away");
        await TransferToAsync(alice, ben);
        var toasts = alice.GetByRole(AriaRole.Region, new() { Name = "Notifications" });
        await Expect(toasts.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The conversation was not transferred" })).ToContainTextAsync("cannot take a transfer now");
        await Expect(alice.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(alice.GetByTestId("transfer-banner")).ToHaveCountAsync(0);

        // Ben is back and declines: the chat stays Alice's, and she is told.
        await benWorkspace.GetByRole(AriaRole.Button, new() { Name = "Available", Exact = true }).ClickAsync();
        await Expect(benWorkspace.GetByTestId("agent-presence")).ToContainTextAsync("Available");
        await TransferToAsync(alice, ben);
        await Expect(alice.GetByTestId("transfer-banner")).ToContainTextAsync("Transferring to Ben Ortiz…");
        var offer = benWorkspace.GetByTestId("offer").Filter(new() { HasText = "Transfer from Alice Moreau" });
        await offer.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();
        await Expect(toasts.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The transfer did not go through" })).ToContainTextAsync("still with you");
        await Expect(alice.GetByTestId("transfer-banner")).ToHaveCountAsync(0);
        await WebPages.AgentSaysAsync(alice, "Still here: yes, charities get 30% off.");
        await Expect(site.Locator(".msg-other .bubble").Last).ToHaveTextAsync("Still here: yes, charities get 30% off.");
    }

    [Fact]
    public async Task An_agent_transfers_a_video_call_to_a_colleague_who_joins_it_and_the_visitor_sees_and_hears_them()
    {
        const string topic = "Can someone show me the admin settings?";
        await using var chat = await ChatWithColleague.StartAsync(web, "Alice Moreau", "Ben Ortiz", topic);
        var (alice, ben, benWorkspace, site) = (chat.Workspace, chat.Colleague, chat.ColleagueWorkspace, chat.Site);

        // The visitor and Alice are in a video call.
        await site.GetByRole(AriaRole.Button, new() { Name = "Video call", Exact = true }).ClickAsync();
        var visitorCall = site.GetByTestId("call");
        var aliceCall = alice.GetByTestId("call");
        await aliceCall.GetByRole(AriaRole.Button, new() { Name = "Accept call", Exact = true }).ClickAsync();
        await Expect(visitorCall).ToHaveAttributeAsync("data-call-phase", "active");
        await Eventually.Until(() => Figure(visitorCall, "data-video-frames-decoded"), n => n > 10, "the visitor sees Alice");

        // Alice transfers the conversation, call and all, to Ben, who accepts and joins the call.
        await TransferToAsync(alice, ben);
        await WebPages.AcceptOfferAsync(benWorkspace, topic);
        var benCall = benWorkspace.GetByTestId("call");
        await Expect(benCall).ToHaveAttributeAsync("data-call-phase", "joinable");
        await benCall.GetByRole(AriaRole.Button, new() { Name = "Join call", Exact = true }).ClickAsync();
        await Expect(benCall).ToHaveAttributeAsync("data-call-phase", "active");

        // The visitor never left the call: they see the handover and receive Ben's video and audio; Ben receives theirs.
        await Expect(site.Locator(".msg-event").Filter(new() { HasText = "handed the conversation over to Ben Ortiz" })).ToBeVisibleAsync();
        await Expect(visitorCall).ToHaveAttributeAsync("data-call-phase", "active");
        // Alice's media left with her, so what the visitor decodes from now on is Ben's.
        await Expect(visitorCall).ToHaveAttributeAsync("aria-label", "Video call with Ben Ortiz");
        await Expect(alice.Locator("[data-testid=call][data-call-phase=active]")).ToHaveCountAsync(0);
        var (frames, samples) = (await Figure(visitorCall, "data-video-frames-decoded"), await Figure(visitorCall, "data-audio-samples-received"));
        await Eventually.Until(() => Figure(visitorCall, "data-video-frames-decoded"), n => n > frames + 10, "the visitor decodes Ben's video");
        await Eventually.Until(() => Figure(visitorCall, "data-audio-samples-received"), n => n > samples, "the visitor receives Ben's audio");
        await Eventually.Until(() => Figure(benCall, "data-video-frames-decoded"), n => n > 10, "Ben decodes the visitor's video");
        await Expect(alice.GetByText("No open conversations.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_agent_transfers_a_chat_to_a_queue_whose_agent_takes_it_with_the_chat_so_far()
    {
        const string topic = "Why is my invoice higher this month?";
        await using var chat = await ChatWithColleague.StartAsync(web, "Alice Moreau", "Ben Ortiz", topic);
        var (alice, billing, benWorkspace, site) = (chat.Workspace, chat.ColleagueQueue, chat.ColleagueWorkspace, chat.Site);
        await WebPages.VisitorSaysAsync(site, "It went from 40 to 65 euros.");
        await Expect(alice.Locator(".msg-other .bubble").Last).ToHaveTextAsync("It went from 40 to 65 euros.");

        // Alice sends it to the billing queue: the banner names the queue until an agent there takes it.
        await alice.GetByRole(AriaRole.Button, new() { Name = "Transfer", Exact = true }).ClickAsync();
        var dialog = alice.GetByRole(AriaRole.Dialog, new() { NameRegex = new Regex("^Transfer the conversation") });
        await dialog.GetByLabel("Transfer to").SelectOptionAsync($"queue:{billing}");
        await dialog.GetByLabel("Private note (optional)").FillAsync("Price change explained? Customer on the old plan.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Transfer", Exact = true }).ClickAsync();
        await Expect(alice.GetByTestId("transfer-banner")).ToContainTextAsync($"Transferring to the Web {billing} queue…");

        // The queue offers it to Ben, who reads the chat so far and the note once he has it.
        await WebPages.AcceptOfferAsync(benWorkspace, topic);
        await Expect(benWorkspace.Locator(".msg-other .bubble").Last).ToHaveTextAsync("It went from 40 to 65 euros.");
        await Expect(site.Locator(".msg-event").Filter(new() { HasText = "handed the conversation over to Ben Ortiz" })).ToBeVisibleAsync();
        await WebPages.AgentSaysAsync(benWorkspace, "Ben from billing here: the old plan ended in October.");
        await Expect(site.Locator(".msg-other .bubble").Last).ToHaveTextAsync("Ben from billing here: the old plan ended in October.");
        await Expect(alice.GetByText("No open conversations.")).ToBeVisibleAsync();
        await benWorkspace.GetByRole(AriaRole.Tab, new() { Name = "Private notes 1" }).ClickAsync();
        await Expect(benWorkspace.GetByText("Price change explained? Customer on the old plan.")).ToBeVisibleAsync();
    }

    private static async Task TransferToAsync(IPage workspace, WebFixture.Staff colleague)
    {
        await workspace.GetByRole(AriaRole.Button, new() { Name = "Transfer", Exact = true }).ClickAsync();
        var dialog = workspace.GetByRole(AriaRole.Dialog, new() { NameRegex = new Regex("^Transfer the conversation") });
        await dialog.GetByLabel("Transfer to").SelectOptionAsync($"agent:{colleague.AgentId}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Transfer", Exact = true }).ClickAsync();
    }

    private static async Task<long> Figure(ILocator element, string attribute) =>
        long.Parse(await element.GetAttributeAsync(attribute) ?? "0", System.Globalization.CultureInfo.InvariantCulture);
}
