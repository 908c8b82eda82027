using Engagement.FunctionalTests.EndToEnd;
using Engagement.FunctionalTests.Infrastructure;

namespace Engagement.FunctionalTests.Api;

/// <summary>
/// <c>POST /api/visitors</c> is the one unauthenticated call that writes: one address gets a burst, then a clear
/// 429, while visitors it already has keep working. A node of its own, with a small allowance.
/// </summary>
public sealed class VisitorCreationLimitTests : IAsyncLifetime
{
    private readonly PostgresFixture _database = new();
    private EngagementNode? _node;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await EngagementNode.StartAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Orleans:ClusterId"] = "visitor-limit-tests",
            ["Engagement:Auth:SigningKey"] = "visitor-limit-tests-signing-key-0123456789",
            ["Engagement:Visitors:Creation:PerMinute"] = "1",
            ["Engagement:Visitors:Creation:Burst"] = "3",
        });
    }

    [Fact]
    public async Task An_address_that_creates_too_many_visitors_gets_a_clear_429_and_its_visitors_keep_working()
    {
        var client = new ApiClient(_node!.BaseUrl);
        var created = new List<string>();
        for (var i = 0; i < 3; i++) created.Add((await client.NewVisitorAsync()).Token);

        var (status, body) = await client.SendAsync(HttpMethod.Post, "/api/visitors");
        Assert.Equal(429, status);
        Assert.Equal("too_many_visitors", body!["code"]!.GetValue<string>());
        Assert.Contains("reuse the visitor token", body["detail"]!.GetValue<string>());

        var refreshed = await client.OkAsync(HttpMethod.Post, "/api/visitors/refresh", created[0]);
        Assert.False(string.IsNullOrEmpty(refreshed["token"]!.GetValue<string>()));
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
