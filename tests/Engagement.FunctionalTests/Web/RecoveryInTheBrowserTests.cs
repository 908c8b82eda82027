using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// The clients' recovery (docs/protocol.md, "Resume rule" and "Failures and recovery") in real pages: the widget
/// and the workspace come back from a reload, dropped connections, a live message lost on the way, a send lost with
/// its connection and a start whose answer was lost, and each ends showing exactly the server's transcript — every
/// message once, in order, each side's messages in the order written.
/// The pages' hub connections go through a <see cref="HubBalancer"/>, which lets the test break them.
/// </summary>
[Collection(WebCollection.Name)]
public class RecoveryInTheBrowserTests(WebFixture web)
{
    [Fact]
    public async Task A_conversation_through_a_reload_and_dropped_connections_ends_complete_in_order_and_without_duplicates()
    {
        var (site, workspace, visitorHubs, agentHubs, sessionId, contexts) = await ConversationAsync("Moving our workspace to the EU region");
        await using var owned = contexts;
        List<string> sent = [], visitorSent = [], agentSent = [];
        async Task Visitor(string text) { sent.Add(text); visitorSent.Add(text); await WebPages.VisitorSaysAsync(site, text); }
        async Task Agent(string text) { sent.Add(text); agentSent.Add(text); await WebPages.AgentSaysAsync(workspace, text); }

        await Visitor("v1: Hi! We need our data hosted in the EU.");
        await Agent("a1: Happy to help — that's a setting on the Business plan.");
        await Expect(site.Locator(".msg-other .bubble").Last).ToHaveTextAsync(sent[^1]);

        // The visitor reloads the page while the agent keeps writing.
        var reload = site.ReloadAsync();
        await Agent("a2: I can start the move for you today.");
        await Agent("a3: It takes about an hour, with no downtime.");
        await reload;
        await WebPages.OpenWidgetAsync(site);
        await Expect(site.Locator(".msg-other .bubble").Last).ToHaveTextAsync(sent[^1]);

        // The visitor's connection drops: the agent writes meanwhile, the visitor writes before it is back.
        await visitorHubs.DropAsync("visitor");
        await Agent("a4: Shall I go ahead?");
        await Visitor("v2: Yes please, go ahead.");
        // The agent's connection drops: the same the other way round.
        await agentHubs.DropAsync("agent");
        await Visitor("v3: Will our users be signed out?");
        await Agent("a5: No, sessions stay valid.");
        // And both at once.
        await visitorHubs.DropAsync("visitor");
        await agentHubs.DropAsync("agent");
        await Visitor("v4: Perfect, thanks!");
        await Agent("a6: You're welcome — the move has started.");

        await Expect(site.Locator(".msg-other .bubble").Last).ToHaveTextAsync(sent[^1]);
        await Expect(workspace.Locator(".msg-other .bubble").Last).ToHaveTextAsync("v4: Perfect, thanks!");
        await WebPages.ExpectWholeThreadAsync(web, site, sessionId, sent);
        await WebPages.ExpectWholeThreadAsync(web, workspace, sessionId, sent);
        // Each side's messages were stored in the order written, sends retried after the drops included.
        await ExpectStoredInOrderAsync(sessionId, visitorSent);
        await ExpectStoredInOrderAsync(sessionId, agentSent);
        // Each reconnect went through the balancer again: the drops were real.
        Assert.True(visitorHubs.Links.Count(l => l.Hub == "visitor") >= 4);
        Assert.True(agentHubs.Links.Count(l => l.Hub == "agent") >= 3);
    }

    [Fact]
    public async Task A_live_message_lost_on_the_way_is_filled_in_by_a_rejoin_and_shown_in_its_place()
    {
        var (site, workspace, visitorHubs, _, sessionId, contexts) = await ConversationAsync("Exporting invoices as CSV");
        await using var owned = contexts;
        string[] sent = ["v1: Can I export invoices as CSV?", "a1: Yes — under Billing, Export.", "a2: You can pick the columns too.", "a3: Anything else?"];
        await WebPages.VisitorSaysAsync(site, sent[0]);
        await WebPages.AgentSaysAsync(workspace, sent[1]);
        await Expect(site.Locator(".msg-other .bubble").Last).ToHaveTextAsync(sent[1]);

        // a2's live event never reaches the widget (the server sent it; the network lost it).
        visitorHubs.DropEventOnce("message", m => m.GetProperty("text").GetString() == sent[2]);
        await WebPages.AgentSaysAsync(workspace, sent[2]);
        await Expect(workspace.Locator(".msg-self .bubble").Last).ToHaveTextAsync(sent[2]);
        await Expect(workspace.Locator(".messages .msg[data-state]")).ToHaveCountAsync(0);
        await Expect(site.Locator(".msg-other .bubble").Last).ToHaveTextAsync(sent[1]);

        // The next message shows the widget the gap: it holds a3, re-joins from what it has, and shows a2 then a3.
        await WebPages.AgentSaysAsync(workspace, sent[3]);
        await Expect(site.Locator(".msg-other .bubble").Last).ToHaveTextAsync(sent[3]);
        await WebPages.ExpectWholeThreadAsync(web, site, sessionId, sent);
        var texts = (await WebPages.RenderedThreadAsync(site)).Select(l => l.Text).ToList();
        Assert.Equal(texts.IndexOf(sent[2]) + 1, texts.IndexOf(sent[3]));
    }

    [Fact]
    public async Task Messages_written_while_an_earlier_send_is_retried_after_a_drop_keep_their_order()
    {
        var (site, workspace, visitorHubs, _, sessionId, contexts) = await ConversationAsync("Changing the billing email");
        await using var owned = contexts;
        string[] sent = ["v1: Can the invoices go to another address?", "v2: finance@lumina.example, please.", "v3: Thanks!"];

        // v1's send is lost with the widget's connection: it is retried once the connection is back, while the visitor
        // writes on. The later ones must not overtake it.
        visitorHubs.BreakOnInvocation("SendMessage");
        foreach (var text in sent) await WebPages.VisitorSaysAsync(site, text);

        await Expect(workspace.Locator(".msg-other .bubble").Last).ToHaveTextAsync(sent[^1]);
        await WebPages.ExpectWholeThreadAsync(web, site, sessionId, sent);
        await WebPages.ExpectWholeThreadAsync(web, workspace, sessionId, sent);
        await ExpectStoredInOrderAsync(sessionId, sent);
        Assert.True(visitorHubs.Links.Count(l => l.Hub == "visitor") >= 2);
    }

    [Fact]
    public async Task A_start_whose_answer_is_lost_and_then_a_reload_reach_the_same_session_once()
    {
        await using var visitorBrowser = await web.NewContextAsync(1280, 860);
        await using var hubs = await HubBalancer.AttachAsync(visitorBrowser, web.BaseUrl);
        var site = await WebPages.OpenSiteAsync(visitorBrowser, "/");
        var customerId = await WebPages.CustomerIdAsync(site);
        await WebPages.OpenWidgetAsync(site);

        // StartSession goes through on the server, but its answer is lost: the widget keeps waiting for it.
        var lostAnswer = hubs.SwallowAnswerOnce("StartSession");
        await WebPages.StartChatAsync(site, "Two invoices for one order");
        var sessionId = (await lostAnswer).GetProperty("session").GetProperty("sessionId").GetString()!;
        await Expect(site.GetByRole(AriaRole.Button, new() { Name = "Connecting…" })).ToBeVisibleAsync();
        var pending = await site.EvaluateAsync<string?>("() => localStorage.getItem('engagement.start@' + location.origin)");
        Assert.Contains("requestId", pending);

        // A reload repeats the start with the same requestId, which reaches the session made the first time. The page
        // comes back slowly, as on a phone's network: within the disconnect grace the visitor has not left the site.
        await site.RouteAsync("**/*", async route =>
        {
            if (route.Request.IsNavigationRequest) await Task.Delay(TimeSpan.FromSeconds(2));
            await route.ContinueAsync();
        });
        await site.ReloadAsync();
        Assert.Equal(sessionId, await WebPages.SessionIdAsync(site));
        await site.WaitForFunctionAsync("() => !localStorage.getItem('engagement.start@' + location.origin)");
        await WebPages.OpenWidgetAsync(site);
        await Expect(site.GetByTestId("queue-status")).ToBeVisibleAsync();

        // One conversation was made for this visitor, not two.
        var queue = await WaitingOfAsync(customerId);
        Assert.Equal([sessionId], queue);
    }

    /// <summary>A visitor on the sample site and an agent in the workspace, in an accepted conversation, both through balancers.</summary>
    private async Task<(IPage Site, IPage Workspace, HubBalancer VisitorHubs, HubBalancer AgentHubs, string SessionId, Contexts Contexts)> ConversationAsync(string topic)
    {
        var agent = await web.CreateStaffAsync("Noor Haddad");
        var contexts = new Contexts();
        var agentBrowser = contexts.Add(await web.NewContextAsync());
        var agentHubs = contexts.Add(await HubBalancer.AttachAsync(agentBrowser, web.BaseUrl));
        var workspace = await WebPages.OpenWorkspaceAsync(agentBrowser, agent);

        var visitorBrowser = contexts.Add(await web.NewContextAsync(1280, 860));
        var visitorHubs = contexts.Add(await HubBalancer.AttachAsync(visitorBrowser, web.BaseUrl));
        var site = await WebPages.OpenSiteAsync(visitorBrowser, "/");
        await WebPages.OpenWidgetAsync(site);
        await WebPages.StartChatAsync(site, topic);
        var sessionId = await WebPages.SessionIdAsync(site);
        await WebPages.AcceptOfferAsync(workspace, topic);
        await Expect(site.Locator(".convo-title")).ToContainTextAsync("Noor Haddad");
        return (site, workspace, visitorHubs, agentHubs, sessionId, contexts);
    }

    /// <summary>The server's transcript holds <paramref name="written"/> (one side's messages) in the order they were written.</summary>
    private async Task ExpectStoredInOrderAsync(string sessionId, IReadOnlyList<string> written)
    {
        var stored = (await web.TranscriptAsync(sessionId)).Select(l => l.Text).Where(written.Contains).ToList();
        Assert.Equal(written, stored);
    }

    /// <summary>The sessions of a customer waiting in the sample site's queue (admin REST).</summary>
    private async Task<List<string>> WaitingOfAsync(string customerId)
    {
        using var http = web.Server.Http(web.Server.AdminToken);
        using var snapshot = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/api/queues/{WebFixture.Queue}"));
        return snapshot.RootElement.GetProperty("waiting").EnumerateArray()
            .Where(w => w.GetProperty("customerId").GetString() == customerId)
            .Select(w => w.GetProperty("sessionId").GetString()!).ToList();
    }
}

/// <summary>Browser contexts and balancers of a test, disposed together (balancers first, then the browsers).</summary>
public sealed class Contexts : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _items = [];

    public T Add<T>(T item) where T : IAsyncDisposable
    {
        _items.Add(item);
        return item;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _items.Count - 1; i >= 0; i--) await _items[i].DisposeAsync();
    }
}
