using Engagement.LoadTests.Cluster;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engagement.FunctionalTests.Web;

/// <summary>What a person does in the three front ends, as Playwright steps (roles and labels, as a screen reader sees them).</summary>
public static class WebPages
{
    // ---- the sample site with the widget ----

    public static async Task<IPage> OpenSiteAsync(IBrowserContext context, string path = "/")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await Expect(Launcher(page)).ToBeVisibleAsync();
        return page;
    }

    /// <summary>
    /// The widget on the sample site's pages in this context talks to <paramref name="queueId"/> instead of "support" (a
    /// queue of the test's own, whose agents and waiting visitors are the test's alone): widget.js is served with a
    /// first line that sets its script tag's data-queue. (Rewriting the page itself would make Chromium treat the page
    /// as public and block its WebSockets to 127.0.0.1: local network access checks.)
    /// </summary>
    public static Task UseQueueAsync(IBrowserContext context, string queueId) =>
        context.RouteAsync("**/widget.js", async route =>
        {
            var response = await route.FetchAsync();
            var script = await response.TextAsync();
            var prefix = $"document.currentScript && (document.currentScript.dataset.queue = {System.Text.Json.JsonSerializer.Serialize(queueId)});\n";
            await route.FulfillAsync(new() { Response = response, Body = prefix + script });
        });

    public static ILocator Launcher(IPage page) => page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^(Open|Close) chat") });

    public static ILocator ChatPanel(IPage page) => page.GetByRole(AriaRole.Dialog, new() { NameRegex = new Regex("^Chat with") });

    /// <summary>Opens the chat panel, unless it is open already (it stays open across a tab's pages and reloads).</summary>
    public static async Task OpenWidgetAsync(IPage page)
    {
        var launcher = Launcher(page);
        await Expect(launcher).ToBeVisibleAsync();
        if (await launcher.GetAttributeAsync("aria-expanded") != "true") await launcher.ClickAsync();
        await Expect(ChatPanel(page)).ToBeVisibleAsync();
    }

    public static ILocator MessageBox(IPage page) => page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });

    /// <summary>The visitor's id from the SDK (window.Engagement.customerId), once the widget has its token.</summary>
    public static async Task<string> CustomerIdAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.Engagement && window.Engagement.customerId");
        return await page.EvaluateAsync<string>("() => window.Engagement.customerId");
    }

    /// <summary>The widget's open session, as it keeps it to resume on the next page.</summary>
    public static async Task<string> SessionIdAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => localStorage.getItem('engagement.session@' + location.origin)");
        return await page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('engagement.session@' + location.origin)).sessionId");
    }

    // ---- workspace and dashboard ----

    public static async Task<IPage> SignInAsync(IBrowserContext context, string path, WebFixture.Staff staff)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.GetByLabel("Work email").FillAsync(staff.Email);
        await page.GetByLabel("Password").FillAsync(staff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    public static async Task<IPage> OpenWorkspaceAsync(IBrowserContext context, WebFixture.Staff agent)
    {
        var page = await SignInAsync(context, "/workspace/", agent);
        await Expect(page.GetByTestId("agent-presence")).ToContainTextAsync("Available");
        return page;
    }

    public static ILocator ReplyBox(IPage page) => page.GetByRole(AriaRole.Textbox, new() { Name = "Reply", Exact = true });

    /// <summary>Accepts the offer for the given topic and waits until its conversation is open.</summary>
    public static async Task AcceptOfferAsync(IPage workspace, string topic)
    {
        var offer = workspace.GetByTestId("offer").Filter(new() { HasText = topic });
        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(workspace.Locator(".convo-header")).ToContainTextAsync(topic);
        await Expect(ReplyBox(workspace)).ToBeVisibleAsync();
    }

    // ---- conversations ----

    /// <summary>In the open widget: a topic, then "Chat with the Lumina team".</summary>
    public static async Task StartChatAsync(IPage site, string topic)
    {
        await site.GetByLabel("What can we help you with? (optional)").FillAsync(topic);
        await site.GetByRole(AriaRole.Button, new() { Name = "Chat with the Lumina team" }).ClickAsync();
    }

    /// <summary>
    /// In the open widget: a topic, then the button that asks for <paramref name="agentName"/> by name (the widget
    /// lists the available agents); that agent accepts in <paramref name="workspace"/>.
    /// </summary>
    public static async Task ChatWithAsync(IPage site, IPage workspace, string agentName, string topic)
    {
        await site.GetByLabel("What can we help you with? (optional)").FillAsync(topic);
        await site.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Chat with " + Regex.Escape(agentName) + ",") }).ClickAsync();
        await AcceptOfferAsync(workspace, topic);
    }

    public static async Task VisitorSaysAsync(IPage site, string text)
    {
        await MessageBox(site).FillAsync(text);
        await MessageBox(site).PressAsync("Enter");
    }

    public static async Task AgentSaysAsync(IPage workspace, string text)
    {
        await ReplyBox(workspace).FillAsync(text);
        await ReplyBox(workspace).PressAsync("Enter");
    }

    /// <summary>The shown conversation's messages (widget or workspace) as the page renders them, top to bottom.</summary>
    public static async Task<List<ThreadLine>> RenderedThreadAsync(IPage page)
    {
        var lines = await page.Locator(".messages [data-seq]").EvaluateAllAsync<string[][]>(
            "els => els.map(e => [e.dataset.seq, (e.querySelector('.bubble') ?? e.querySelector('span')).textContent])");
        return lines.Select(l => new ThreadLine(long.Parse(l[0]), l[1])).ToList();
    }

    /// <summary>
    /// The page shows exactly the server's transcript: every message once, in seq order, nothing missing, nothing
    /// still pending; and each of <paramref name="sent"/> was stored exactly once (retries reused their ids).
    /// </summary>
    public static async Task ExpectWholeThreadAsync(WebFixture web, IPage page, string sessionId, IEnumerable<string> sent)
    {
        using var admin = web.Server.Http(web.Server.AdminToken);
        await ExpectWholeThreadAsync(admin, page, sessionId, sent);
    }

    /// <inheritdoc cref="ExpectWholeThreadAsync(WebFixture, IPage, string, IEnumerable{string})"/>
    public static async Task ExpectWholeThreadAsync(HttpClient admin, IPage page, string sessionId, IEnumerable<string> sent)
    {
        var transcript = await TranscriptAsync(admin, sessionId);
        Assert.Equal(Enumerable.Range(1, transcript.Count).Select(i => (long)i), transcript.Select(l => l.Seq));
        foreach (var text in sent) Assert.Single(transcript, l => l.Text == text);
        await Expect(page.Locator(".messages [data-seq]")).ToHaveCountAsync(transcript.Count);
        await Expect(page.Locator(".messages .msg[data-state]")).ToHaveCountAsync(0);
        Assert.Equal(transcript, await RenderedThreadAsync(page));
    }

    /// <summary>A session's whole transcript as the server stored it (REST with a staff token, paged).</summary>
    public static async Task<List<ThreadLine>> TranscriptAsync(HttpClient admin, string sessionId)
    {
        var lines = new List<ThreadLine>();
        while (true)
        {
            var page = await admin.GetFromJsonAsync<List<ThreadLine>>($"/api/sessions/{sessionId}/transcript?afterSeq={lines.LastOrDefault()?.Seq ?? 0}&limit=200", EndToEnd.EndToEndFixture.Json);
            lines.AddRange(page!.Select(l => new ThreadLine(l.Seq, l.Text)));
            if (page!.Count < 200) return lines;
        }
    }

    // ---- what the pages showed ----

    /// <summary>
    /// Records, in every page of the context, each error or connection notice the front ends show (the widget's
    /// and the workspace's connection banners, the dashboard's "Reconnecting…", failed sends, alerts) from the
    /// moment <see cref="ArmTroubleAsync"/> is called; the widget's shadow root is watched too. Mutation
    /// observers see even a notice that is shown for a moment.
    /// </summary>
    public static Task WatchForTroubleAsync(IBrowserContext context) => context.AddInitScriptAsync("""
        (() => {
          const trouble = '.link-banner, .banner, .failed, [data-state="failed"], .error, .error-text, .toast-error, [role="alert"], .live-reconnecting, .live-offline, .live-connecting, .db-error';
          window.__trouble = [];
          window.__troubleArmed = false;
          const roots = new Set();
          const check = () => {
            if (!window.__troubleArmed) return;
            for (const root of roots) for (const el of root.querySelectorAll(trouble)) {
              const text = (el.getAttribute('class') + ': ' + (el.textContent || '')).trim();
              if (!window.__trouble.includes(text)) window.__trouble.push(text);
            }
          };
          const watch = (root) => {
            if (roots.has(root)) return;
            roots.add(root);
            new MutationObserver(check).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
          };
          window.__checkTrouble = check;
          const timer = setInterval(() => {
            if (document.body) watch(document.body);
            const host = document.getElementById('engagement-widget');
            if (host && host.shadowRoot) watch(host.shadowRoot);
          }, 20);
          setTimeout(() => clearInterval(timer), 60000);
        })();
        """);

    /// <summary>From now on, what the page shows of <see cref="WatchForTroubleAsync"/>'s kind is recorded.</summary>
    public static Task ArmTroubleAsync(IPage page) => page.EvaluateAsync("() => { window.__trouble = []; window.__troubleArmed = true; window.__checkTrouble(); }");

    public static Task<string[]> TroubleAsync(IPage page) => page.EvaluateAsync<string[]>("() => window.__trouble");

    /// <summary>Saves a screenshot into docs/screenshots/ (shown in README.md).</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot.Find(), "docs", "screenshots", name + ".png") });
}
