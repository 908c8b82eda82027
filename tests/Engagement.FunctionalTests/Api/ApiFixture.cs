using Engagement.Api.Auth;
using Engagement.FunctionalTests.EndToEnd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Engagement.FunctionalTests.Infrastructure;

namespace Engagement.FunctionalTests.Api;

/// <summary>
/// One node on a fresh database, shared by the API tests; each test makes its own queue and agents. The tests
/// speak raw JSON (no shared C# types) to check the wire format docs/protocol.md promises.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string IdentitySecret = "api-tests-identity-secret-0123456789abc";
    public const string AdminEmail = "admin@api.test";
    public const string AdminPassword = "api-tests-admin-password";
    public const string OfferAgainAfter = "00:00:02";
    /// <summary>The site's time zone for reports: +05:30 all year, so local hours and days are not UTC's.</summary>
    public const string ReportTimeZone = "Asia/Kolkata";
    private const string SigningKey = "api-tests-signing-key-0123456789abcdefghij";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Orleans:ClusterId"] = "api-tests",
        ["Engagement:Auth:SigningKey"] = SigningKey,
        ["Engagement:Auth:IdentitySecret"] = IdentitySecret,
        ["Engagement:Presence:HeartbeatInterval"] = "00:00:00.500",
        // Short, so a test sees a declined agent offered the same session again (the default is 30 s).
        ["Engagement:Routing:OfferAgainAfter"] = OfferAgainAfter,
        ["Engagement:Reports:TimeZone"] = ReportTimeZone,
        ["Engagement:Seed:Agents:0:AgentId"] = "api-admin",
        ["Engagement:Seed:Agents:0:DisplayName"] = "API Admin",
        ["Engagement:Seed:Agents:0:Email"] = AdminEmail,
        ["Engagement:Seed:Agents:0:Role"] = "Admin",
        ["Engagement:Seed:Agents:0:Password"] = AdminPassword,
    };

    private readonly PostgresFixture _database = new();
    private EngagementNode? _node;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await EngagementNode.StartAsync(_database.ConnectionString, Settings);
    }

    public ApiClient Client() => new(_node!.BaseUrl);

    /// <summary>The node's address, for tests that speak HTTP without <see cref="ApiClient"/>'s bearer tokens.</summary>
    public Uri BaseUrl => _node!.BaseUrl;

    /// <summary>The node's services (its endpoints, for tests that walk every route).</summary>
    public IServiceProvider Services => _node!.Services;

    /// <summary>Tokens signed with this node's key but issued a year ago: expired (visitor and staff lifetimes are shorter).</summary>
    public static TokenService ExpiredTokens { get; } = new(
        new SigningKeys(SigningKey, isDevelopment: false, NullLogger.Instance),
        Options.Create(new AuthOptions()),
        new FixedClock(DateTimeOffset.UtcNow.AddYears(-1)));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.StopAsync();
            await _node.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "API on one node";
}
