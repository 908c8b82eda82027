using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.Api.Hosting;

namespace Engagement.FunctionalTests.Infrastructure;

/// <summary>
/// What the end-to-end fixtures share, whether their nodes run inside the test process
/// (<see cref="EndToEnd.EndToEndFixture"/>) or as real processes (<see cref="ProcessCluster"/>): the test
/// accounts and settings every node gets, and REST helpers that create queues, agents and visitors the way a
/// real client would.
/// </summary>
public abstract class EngagementFixtureBase
{
    public const string AdminEmail = "admin@e2e.test";
    public const string AdminPassword = "e2e-admin-password";
    public const string IdentitySecret = "e2e-identity-secret-for-tests-only";
    public const string IngestionKey = "e2e-ingestion-key-for-tests-only-0123456789";
    public const string AgentPassword = "agent-password-123";

    public static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>
    /// Server settings of every test node (no logging levels: each kind of fixture chooses its own). Short
    /// presence timings so disconnects are noticed within a test's patience; no per-address limit on new
    /// visitors, since every test visitor comes from 127.0.0.1.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> ServerSettings { get; } = new Dictionary<string, string?>
    {
        ["Engagement:Auth:SigningKey"] = "e2e-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ["Engagement:Auth:IdentitySecret"] = IdentitySecret,
        ["Engagement:Presence:HeartbeatInterval"] = "00:00:00.500",
        ["Engagement:Presence:ConnectionTimeout"] = "00:00:03",
        ["Engagement:Presence:DisconnectGrace"] = "00:00:00.500",
        ["Engagement:Seed:Agents:0:AgentId"] = "e2e-admin",
        ["Engagement:Seed:Agents:0:DisplayName"] = "E2E Admin",
        ["Engagement:Seed:Agents:0:Email"] = AdminEmail,
        ["Engagement:Seed:Agents:0:Password"] = AdminPassword,
        ["Engagement:Seed:Agents:0:Role"] = "Admin",
        ["Engagement:Ingestion:ApiKeys:0:Name"] = "e2e-devices",
        ["Engagement:Ingestion:ApiKeys:0:Key"] = IngestionKey,
        ["Engagement:Context:RulesRefresh"] = "00:00:00.200",
        ["Engagement:Visitors:Creation:PerMinute"] = "0",
        ["Engagement:Drain:Timeout"] = "00:00:02",
    };

    public string AdminToken { get; protected set; } = "";

    /// <summary>Where REST calls go unless a test names another base URL.</summary>
    protected abstract Uri ApiUrl { get; }

    public HttpClient Http(string? token = null, Uri? baseUrl = null)
    {
        var http = new HttpClient { BaseAddress = baseUrl ?? ApiUrl };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public async Task<Login> LoginAsync(string email, string password)
    {
        using var http = Http();
        var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Login>(Json))!;
    }

    public async Task<string> CreateQueueAsync(TimeSpan? offerTimeout = null, string[]? skills = null)
    {
        var queueId = "q-" + Guid.NewGuid().ToString("N")[..12];
        using var http = Http(AdminToken);
        var response = await http.PostAsJsonAsync("/api/queues", new { queueId, name = "E2E " + queueId, skills = skills ?? ["support"], offerTimeout = offerTimeout ?? TimeSpan.FromSeconds(20) }, Json);
        response.EnsureSuccessStatusCode();
        return queueId;
    }

    /// <summary>Creates an agent over REST and signs it in (password <see cref="AgentPassword"/>); returns its id and token.</summary>
    public async Task<Login> CreateAgentAsync(string queueId, string name, int capacity = 2, string role = "agent")
    {
        var agentId = $"{name}-{Guid.NewGuid().ToString("N")[..8]}";
        var email = agentId + "@e2e.test";
        using var http = Http(AdminToken);
        var response = await http.PostAsJsonAsync("/api/agents", new
        {
            agentId, displayName = name, email, role, skills = new[] { "support" }, capacity, queues = new[] { queueId }, password = AgentPassword,
        }, Json);
        response.EnsureSuccessStatusCode();
        return await LoginAsync(email, AgentPassword);
    }

    public async Task<VisitorToken> NewVisitorAsync()
    {
        using var http = Http();
        var response = await http.PostAsync("/api/visitors", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<VisitorToken>(Json))!;
    }

    /// <summary>Signs the seeded admin in; call once the first node is up.</summary>
    protected async Task SignInAdminAsync() => AdminToken = (await LoginAsync(AdminEmail, AdminPassword)).Token;

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Apply(options);
        return options;
    }

    public sealed record Login(string AgentId, string Role, string Name, string Token);

    public sealed record VisitorToken(string CustomerId, bool IsKnown, string Token);
}
