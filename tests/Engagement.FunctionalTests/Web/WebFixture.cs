using System.Net;
using System.Net.Http.Json;
using Engagement.FunctionalTests.Email;
using Engagement.FunctionalTests.EndToEnd;
using Engagement.LoadTests.Cluster;
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

    private WebBrowser? _browser;

    private readonly int _relayPort = FreePorts.One();

    /// <summary>
    /// The node, with the product's disconnect grace rather than the half second of the other test nodes: pages
    /// here reload and navigate as a visitor's do, and on a loaded machine a page load can outlast half a second,
    /// which the server rightly takes for a visitor who left (a waiting conversation is abandoned). Its mail goes
    /// through a real SMTP server process (<see cref="Mail"/>), and it takes mail on <see cref="MailPort"/>.
    /// </summary>
    public EndToEndFixture Server { get; }

    /// <summary>The SMTP server the node relays its mail through (aiosmtpd): what visitors receive.</summary>
    public MailCatcher Mail { get; private set; } = null!;

    /// <summary>The node's own SMTP listener, for mail from visitors to the queues' addresses.</summary>
    public int MailPort { get; } = FreePorts.One();

    public WebFixture() => Server = EndToEndFixture.With(new Dictionary<string, string?>
    {
        [$"{PresenceOptions.Section}:{nameof(PresenceOptions.DisconnectGrace)}"] = new PresenceOptions().DisconnectGrace.ToString("c"),
        ["Engagement:Email:Enabled"] = "true",
        ["Engagement:Email:Domain"] = MailDomain,
        ["Engagement:Email:Smtp:Host"] = "127.0.0.1",
        ["Engagement:Email:Smtp:Port"] = _relayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Engagement:Email:Smtp:Security"] = "None",
        ["Engagement:Email:Inbound:Port"] = MailPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Engagement:Email:Inbound:AcceptedDomains:0"] = MailDomain,
        ["Engagement:Email:Inbound:PollInterval"] = "00:00:00.200",
        ["Engagement:OrleansDashboard:Enabled"] = "true", // OrleansDashboardTests
    });

    /// <summary>The node's mail domain: a queue's address is {queueId}@ this.</summary>
    public const string MailDomain = "web.test";

    public IBrowser Browser => _browser!.Browser;

    public Uri BaseUrl => Server.Node.BaseUrl;

    public async Task InitializeAsync()
    {
        Mail = await MailCatcher.StartAsync(_relayPort);
        await Server.InitializeAsync();
        await EnsureQueueAsync();
        await SetRulesAsync();
        _browser = await WebBrowser.LaunchAsync();
    }

    /// <summary>A new browser profile (own localStorage: a new visitor, or a staff member signed out).</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1440, int height = 900, string? timeZone = null) =>
        _browser!.NewContextAsync(BaseUrl, width, height, timeZone);

    /// <summary>
    /// Creates a staff account over REST. Agents serve the sample site's queue, or <paramref name="queue"/> (made by
    /// <see cref="CreateQueueAsync"/>) and only it; supervisors serve none.
    /// </summary>
    public async Task<Staff> CreateStaffAsync(string displayName, string role = "agent", string? title = null, string? queue = null)
    {
        var agentId = $"{displayName.ToLowerInvariant().Replace(' ', '-')}-{Guid.NewGuid().ToString("N")[..6]}";
        var staff = new Staff(agentId, displayName, $"{agentId}@web.test", StaffPassword);
        var isAgent = role == "agent";
        using var http = Server.Http(Server.AdminToken);
        var response = await http.PostAsJsonAsync("/api/agents", new
        {
            agentId, displayName, email = staff.Email, role, title,
            skills = isAgent ? new[] { queue is null ? "support" : SkillOf(queue) } : [], capacity = 3,
            queues = isAgent ? new[] { queue ?? Queue } : [], password = StaffPassword,
        }, EndToEndFixture.Json);
        response.EnsureSuccessStatusCode();
        return staff;
    }

    /// <summary>
    /// A queue of the test's own, with a skill of its own: only agents made for it (<see cref="CreateStaffAsync"/> with
    /// this queue) are offered its sessions, and its waiting line holds the test's visitors alone. The sample site's
    /// pages use it in a context after <see cref="WebPages.UseQueueAsync"/>.
    /// </summary>
    public async Task<string> CreateQueueAsync()
    {
        var queueId = "q-" + Guid.NewGuid().ToString("N")[..12];
        using var http = Server.Http(Server.AdminToken);
        var response = await http.PostAsJsonAsync("/api/queues", new { queueId, name = "Web " + queueId, skills = new[] { SkillOf(queueId) }, offerTimeout = TimeSpan.FromSeconds(60) }, EndToEndFixture.Json);
        response.EnsureSuccessStatusCode();
        return queueId;
    }

    /// <summary>A queue of the test's own (<see cref="CreateQueueAsync"/>) served by one new agent, signed in to the workspace.</summary>
    public async Task<ServedQueue> ServedQueueAsync(string agentName, string? title = null)
    {
        var queue = await CreateQueueAsync();
        var agent = await CreateStaffAsync(agentName, title: title, queue: queue);
        var agentBrowser = await NewContextAsync();
        try
        {
            return new ServedQueue(queue, agent, agentBrowser, await WebPages.OpenWorkspaceAsync(agentBrowser, agent));
        }
        catch
        {
            await agentBrowser.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new visitor's browser (a laptop-sized window) whose widget talks to <paramref name="queue"/>.</summary>
    public async Task<IBrowserContext> VisitorOnAsync(string queue, string? timeZone = null)
    {
        var visitor = await NewContextAsync(1280, 860, timeZone);
        await WebPages.UseQueueAsync(visitor, queue);
        return visitor;
    }

    private static string SkillOf(string queueId) => "skill-" + queueId;

    /// <summary>A session's whole transcript as the server stored it (admin REST), for comparing with what a page shows.</summary>
    public async Task<List<ThreadLine>> TranscriptAsync(string sessionId)
    {
        using var http = Server.Http(Server.AdminToken);
        return await WebPages.TranscriptAsync(http, sessionId);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        await Server.DisposeAsync();
        if (Mail is not null) await Mail.DisposeAsync();
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

    /// <summary>A queue of the test's own and the agent serving it, with the agent's browser and open workspace.</summary>
    public sealed record ServedQueue(string Queue, Staff Agent, IBrowserContext AgentBrowser, IPage Workspace) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => AgentBrowser.DisposeAsync();
    }
}

/// <summary>One line of a conversation: its seq and its text (as stored, and as a page renders it).</summary>
public sealed record ThreadLine(long Seq, string Text);

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web front ends";
}
