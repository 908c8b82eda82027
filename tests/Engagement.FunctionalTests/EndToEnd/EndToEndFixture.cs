using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.Api.Hosting;
using Engagement.FunctionalTests.Infrastructure;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>
/// A running node on a fresh database, an admin signed in over REST, and helpers that create queues,
/// agents and visitors the way a real client would. Further nodes can join the same cluster.
/// </summary>
public sealed class EndToEndFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@e2e.test";
    public const string AdminPassword = "e2e-admin-password";
    public const string IdentitySecret = "e2e-identity-secret-for-tests-only";
    public const string IngestionKey = "e2e-ingestion-key-for-tests-only-0123456789";

    private readonly PostgresFixture _database = new();
    private readonly List<EngagementNode> _nodes = [];

    public static readonly JsonSerializerOptions Json = CreateJson();

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Engagement"] = "Warning",
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
    };

    public EngagementNode Node => _nodes[0];

    /// <summary>The nodes' database (for tests that inspect it or inject faults into it).</summary>
    public string ConnectionString => _database.ConnectionString;

    public string AdminToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await StartNodeAsync();
        AdminToken = (await LoginAsync(AdminEmail, AdminPassword)).Token;
    }

    /// <summary>Starts another node in the same cluster and database.</summary>
    public async Task<EngagementNode> StartNodeAsync()
    {
        var node = await EngagementNode.StartAsync(_database.ConnectionString, Settings);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Stops every node (gracefully), as an operator restarting the cluster would.</summary>
    public async Task StopAllNodesAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        _nodes.Clear();
    }

    public HttpClient Http(string? token = null, EngagementNode? node = null)
    {
        var http = new HttpClient { BaseAddress = (node ?? Node).BaseUrl };
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

    /// <summary>Creates an agent over REST and signs it in; returns its id and token.</summary>
    public async Task<Login> CreateAgentAsync(string queueId, string name, int capacity = 2, string role = "agent")
    {
        var agentId = $"{name}-{Guid.NewGuid().ToString("N")[..8]}";
        var email = agentId + "@e2e.test";
        const string password = "agent-password-123";
        using var http = Http(AdminToken);
        var response = await http.PostAsJsonAsync("/api/agents", new
        {
            agentId, displayName = name, email, role, skills = new[] { "support" }, capacity, queues = new[] { queueId }, password,
        }, Json);
        response.EnsureSuccessStatusCode();
        return await LoginAsync(email, password);
    }

    public async Task<VisitorToken> NewVisitorAsync()
    {
        using var http = Http();
        var response = await http.PostAsync("/api/visitors", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<VisitorToken>(Json))!;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Apply(options);
        return options;
    }

    public sealed record Login(string AgentId, string Role, string Name, string Token);

    public sealed record VisitorToken(string CustomerId, bool IsKnown, string Token);
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<EndToEndFixture>
{
    public const string Name = "end to end";
}
