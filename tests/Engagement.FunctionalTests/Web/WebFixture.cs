using System.Net;
using System.Net.Http.Json;
using Engagement.FunctionalTests.EndToEnd;
using Microsoft.Playwright;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// A running node (EndToEndFixture: real PostgreSQL, the silo's own composition on 127.0.0.1) serving the
/// built web front ends, and Debian's Chromium driven by Playwright. The sample site's widget talks to the
/// "support" queue, so it exists here; each test brings its own agents and browser contexts.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const string Queue = "support";
    public const string StaffPassword = "web-test-password-1";
    public const string ContactAlertName = "Reading the contact page";
    public const string PricingInvitation = "Questions about our plans? We're happy to help.";

    // The fake camera and microphone (and loopback WebRTC) let the call tests run real media between two pages.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection",
        "--autoplay-policy=no-user-gesture-required", "--disable-features=WebRtcHideLocalIpsWithMdns",
    ];

    private IPlaywright? _playwright;

    public EndToEndFixture Server { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseUrl => Server.Node.BaseUrl;

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        await EnsureQueueAsync();
        await SetRulesAsync();
        // Generous waits for a shared 2-core machine: tests wait for behaviour, never assert how long it took.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A new browser profile (own localStorage: a new visitor, or a staff member signed out).</summary>
    public async Task<IBrowserContext> NewContextAsync(int width = 1440, int height = 900, string? timeZone = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = timeZone,
            Locale = "en-US",
        });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    /// <summary>Creates a staff account over REST (agents serve the sample site's queue; supervisors serve none).</summary>
    public async Task<Staff> CreateStaffAsync(string displayName, string role = "agent", string? title = null)
    {
        var agentId = $"{displayName.ToLowerInvariant().Replace(' ', '-')}-{Guid.NewGuid().ToString("N")[..6]}";
        var staff = new Staff(agentId, displayName, $"{agentId}@web.test", StaffPassword);
        var isAgent = role == "agent";
        using var http = Server.Http(Server.AdminToken);
        var response = await http.PostAsJsonAsync("/api/agents", new
        {
            agentId, displayName, email = staff.Email, role, title,
            skills = isAgent ? new[] { "support" } : [], capacity = 3, queues = isAgent ? new[] { Queue } : [], password = StaffPassword,
        }, EndToEndFixture.Json);
        response.EnsureSuccessStatusCode();
        return staff;
    }

    /// <summary>A session's whole transcript as the server stored it (admin REST, paged), for comparing with what a page shows.</summary>
    public async Task<List<ThreadLine>> TranscriptAsync(string sessionId)
    {
        using var http = Server.Http(Server.AdminToken);
        var lines = new List<ThreadLine>();
        while (true)
        {
            var page = await http.GetFromJsonAsync<List<ThreadLine>>($"/api/sessions/{sessionId}/transcript?afterSeq={lines.LastOrDefault()?.Seq ?? 0}&limit=200", EndToEndFixture.Json);
            lines.AddRange(page!.Select(l => new ThreadLine(l.Seq, l.Text)));
            if (page!.Count < 200) return lines;
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>
    /// The proactive rules of these tests, set before any visitor arrives (each silo caches the rules and
    /// refreshes them in the background, so rules changed mid-run would take effect only later): reading the
    /// contact page alerts the agents; lingering a second on pricing, without a conversation, invites the
    /// visitor. Other tests keep visitors off those pages, or start their conversation first.
    /// </summary>
    private async Task SetRulesAsync()
    {
        object Rule(string ruleId, string name, string page, int? seconds, string action, string message) => new
        {
            ruleId, name, enabled = true, pagePattern = page, minSecondsOnPage = seconds, returningWithinDays = (int?)null,
            requireOpenSession = false, action, message, queueId = Queue,
        };
        using var http = Server.Http(Server.AdminToken);
        var response = await http.PutAsJsonAsync("/api/rules", new[]
        {
            Rule("contact-alert", ContactAlertName, "/contact", null, "notifyAgents", "A visitor is reading the contact page."),
            Rule("pricing-invite", "Lingering on pricing", "/pricing", 1, "inviteVisitor", PricingInvitation),
        }, EndToEndFixture.Json);
        response.EnsureSuccessStatusCode();
    }

    private async Task EnsureQueueAsync()
    {
        using var http = Server.Http(Server.AdminToken);
        var response = await http.PostAsJsonAsync("/api/queues", new { queueId = Queue, name = "Support", skills = new[] { "support" }, offerTimeout = TimeSpan.FromSeconds(60) }, EndToEndFixture.Json);
        if (response.StatusCode != HttpStatusCode.Conflict) response.EnsureSuccessStatusCode();
    }

    public sealed record Staff(string AgentId, string Name, string Email, string Password);
}

/// <summary>One line of a conversation: its seq and its text (as stored, and as a page renders it).</summary>
public sealed record ThreadLine(long Seq, string Text);

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web front ends";
}
