using System.Text.Json;
using System.Text.RegularExpressions;
using Engagement.FunctionalTests.Api;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// The workspace calls back an agent whose tab is in the background (docs/web.md, "Notifications"): a chime, a desktop
/// notification whose click opens the offer or chat, and a count in the tab's title until the agent looks; each turned
/// off from the top bar's bell, the choice kept for the agent. Visitors are clients of the visitor hub.
/// </summary>
[Collection(WebCollection.Name)]
public class WorkspaceNotificationsTests(WebFixture web)
{
    private const string PageTitle = "Workspace · Engagement";

    /// <summary>
    /// Headless Chromium shows every page as visible, so the test sets what document.visibilityState says (and raises
    /// visibilitychange as a browser does); every Notification the page makes is recorded, and made; and each tone of a
    /// chime (an OscillatorNode started) is counted.
    /// </summary>
    private const string Recorder = """
        (() => {
          let hidden = false;
          Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => hidden ? 'hidden' : 'visible' });
          Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
          window.__setHidden = (value) => { hidden = value; document.dispatchEvent(new Event('visibilitychange')); };
          const Real = window.Notification;
          window.__notifications = [];
          window.Notification = new Proxy(Real, {
            construct(target, args) {
              const notification = Reflect.construct(target, args);
              window.__notifications.push({ title: args[0], body: args[1] && args[1].body, tag: args[1] && args[1].tag, notification });
              return notification;
            },
            get(target, name) { const value = target[name]; return typeof value === 'function' ? value.bind(target) : value; },
          });
          window.__tones = 0;
          const start = OscillatorNode.prototype.start;
          OscillatorNode.prototype.start = function (...args) { window.__tones++; return start.apply(this, args); };
        })();
        """;

    [Fact]
    public async Task A_hidden_workspace_chimes_notifies_and_counts_offers_and_messages_until_the_agent_looks_and_each_can_be_turned_off()
    {
        var queue = await web.CreateQueueAsync();
        var agent = await web.CreateStaffAsync("Nora Lind", queue: queue);
        await using var agentBrowser = await web.NewContextAsync();
        await agentBrowser.GrantPermissionsAsync(["notifications"]);
        await agentBrowser.AddInitScriptAsync(Recorder);
        var workspace = await WebPages.OpenWorkspaceAsync(agentBrowser, agent);
        await Expect(workspace).ToHaveTitleAsync(PageTitle);

        // Sound and the title's count are on; desktop notifications wait for the agent's click, which asks the browser.
        await OpenMenuAsync(workspace);
        await Expect(Choice(workspace, "Sound")).ToBeCheckedAsync();
        await Expect(Choice(workspace, "Count in the tab's title")).ToBeCheckedAsync();
        await Expect(Choice(workspace, "Desktop notifications")).Not.ToBeCheckedAsync();
        await Choice(workspace, "Desktop notifications").CheckAsync();
        await Expect(Choice(workspace, "Desktop notifications")).ToBeCheckedAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(workspace, "the notifications menu");
        await workspace.Keyboard.PressAsync("Escape");
        await Keyboard.ExpectFocusOnAsync(workspace, "Notifications");

        // In the background, an offer: a chime, a notification, "(1)" in the title.
        await SetHiddenAsync(workspace, true);
        var client = new ApiClient(web.BaseUrl);
        var (visitor, sessionId) = await StartChatAsync(client, queue, "Moving to the annual plan");
        await using var visitorHub = visitor;
        await Expect(workspace).ToHaveTitleAsync("(1) " + PageTitle);
        Assert.Equal(new Notice("New chat · " + queue, "Moving to the annual plan", "engagement-offer-" + sessionId), (await NoticesAsync(workspace)).Single());
        Assert.Equal(2, await TonesAsync(workspace));
        await OpenMenuAsync(workspace);
        await WebPages.ScreenshotAsync(workspace, "workspace-notifications");
        await workspace.Keyboard.PressAsync("Escape");

        // Its click (from the contacts, say) shows the offer with Accept focused; looking clears the title.
        await workspace.GetByTestId("mode-contacts").ClickAsync();
        await ClickNoticeAsync(workspace, 0);
        await Expect(workspace.GetByTestId("offer").GetByRole(AriaRole.Button, new() { Name = "Accept" })).ToBeFocusedAsync();
        await SetHiddenAsync(workspace, false);
        await Expect(workspace).ToHaveTitleAsync(PageTitle);
        await WebPages.AcceptOfferAsync(workspace, "Moving to the annual plan");

        // In the background again, two messages: one notification for the chat (the second replaces the first), "(2)".
        await SetHiddenAsync(workspace, true);
        await visitor.InvokeAsync<JsonElement>("SendMessage", sessionId, "m-1", "Do my invoices carry over?");
        await Expect(workspace).ToHaveTitleAsync("(1) " + PageTitle);
        await visitor.InvokeAsync<JsonElement>("SendMessage", sessionId, "m-2", "And my seats?");
        await Expect(workspace).ToHaveTitleAsync("(2) " + PageTitle);
        var notices = await NoticesAsync(workspace);
        Assert.Equal(["Do my invoices carry over?", "And my seats?"], notices.Skip(1).Select(n => n.Body));
        Assert.All(notices.Skip(1), n => Assert.Equal("engagement-chat-" + sessionId, n.Tag));
        Assert.Equal(6, await TonesAsync(workspace));

        // Its click opens the chat (from the shared inbox); the agent's own message calls nobody.
        await workspace.GetByTestId("mode-inbox").ClickAsync();
        await ClickNoticeAsync(workspace, 2);
        await Expect(workspace.Locator(".convo-header")).ToContainTextAsync("Moving to the annual plan");
        await WebPages.AgentSaysAsync(workspace, "Yes, both carry over.");
        await Expect(workspace.Locator(".msg-self .bubble").Last).ToHaveTextAsync("Yes, both carry over.");
        await Expect(workspace.Locator(".messages .msg[data-state]")).ToHaveCountAsync(0);
        Assert.Equal(3, (await NoticesAsync(workspace)).Count);
        await SetHiddenAsync(workspace, false);
        await Expect(workspace).ToHaveTitleAsync(PageTitle);

        // Each turned off, and kept for the agent across a reload: a message and a new offer in the background call for nothing.
        await OpenMenuAsync(workspace);
        foreach (var name in new[] { "Sound", "Desktop notifications", "Count in the tab's title" }) await Choice(workspace, name).UncheckAsync();
        await workspace.ReloadAsync();
        await Expect(WebPages.ReplyBox(workspace)).ToBeVisibleAsync();
        await OpenMenuAsync(workspace);
        foreach (var name in new[] { "Sound", "Desktop notifications", "Count in the tab's title" }) await Expect(Choice(workspace, name)).Not.ToBeCheckedAsync();
        await workspace.Keyboard.PressAsync("Escape");
        await SetHiddenAsync(workspace, true);
        await visitor.InvokeAsync<JsonElement>("SendMessage", sessionId, "m-3", "Still there?");
        await Expect(workspace.Locator(".msg-other .bubble").Last).ToHaveTextAsync("Still there?");
        var (second, _) = await StartChatAsync(client, queue, "A second question");
        await using var secondHub = second;
        await Expect(workspace.GetByTestId("offer")).ToContainTextAsync("A second question");
        await Expect(workspace).ToHaveTitleAsync(PageTitle);
        Assert.Empty(await NoticesAsync(workspace));
        Assert.Equal(0, await TonesAsync(workspace));
    }

    private static ILocator Choice(IPage page, string name) => page.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true });

    private static async Task OpenMenuAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Notifications", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("^Tell me of new chats") })).ToBeVisibleAsync();
    }

    private static Task SetHiddenAsync(IPage page, bool hidden) => page.EvaluateAsync("hidden => window.__setHidden(hidden)", hidden);

    /// <summary>A notification's click as the browser delivers it: a click event on the Notification.</summary>
    private static Task ClickNoticeAsync(IPage page, int index) =>
        page.EvaluateAsync("i => window.__notifications[i].notification.dispatchEvent(new Event('click'))", index);

    private static async Task<List<Notice>> NoticesAsync(IPage page) =>
        (await page.EvaluateAsync<string[][]>("() => window.__notifications.map(n => [n.title, n.body, n.tag])")).Select(n => new Notice(n[0], n[1], n[2])).ToList();

    private static Task<int> TonesAsync(IPage page) => page.EvaluateAsync<int>("() => window.__tones");

    /// <summary>A new visitor asks for a chat in <paramref name="queue"/>: its hub connection and the session.</summary>
    private static async Task<(HubConnection Visitor, string SessionId)> StartChatAsync(ApiClient client, string queue, string topic)
    {
        var (_, token) = await client.NewVisitorAsync();
        var (visitor, _) = await client.ConnectAsync("visitor", token);
        var started = await visitor.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId = queue, topic }));
        return (visitor, started.GetProperty("session").GetProperty("sessionId").GetString()!);
    }

    private sealed record Notice(string Title, string Body, string Tag);
}
