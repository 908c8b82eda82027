using Engagement.FunctionalTests.Infrastructure;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>
/// A running node (inside the test process) on a fresh database, an admin signed in over REST, and the
/// helpers of <see cref="EngagementFixtureBase"/>. Further nodes can join the same cluster.
/// </summary>
public sealed class EndToEndFixture : EngagementFixtureBase, IAsyncLifetime
{
    private readonly PostgresFixture _database = new();
    private readonly List<EngagementNode> _nodes = [];
    private readonly IReadOnlyDictionary<string, string?> _settings;

    // One public constructor, as xUnit wants of a collection fixture; other settings come through With.
    public EndToEndFixture() : this(Settings) { }

    private EndToEndFixture(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    /// <summary>A fixture whose nodes take <paramref name="overrides"/> over <see cref="Settings"/>.</summary>
    public static EndToEndFixture With(IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in overrides) settings[key] = value;
        return new EndToEndFixture(settings);
    }

    /// <summary>The in-process nodes' settings: <see cref="EngagementFixtureBase.ServerSettings"/>, quiet logs.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(ServerSettings)
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Engagement"] = "Warning",
    };

    public EngagementNode Node => _nodes[0];

    private const string InboundMailPort = "Engagement:Email:Inbound:Port";

    protected override Uri ApiUrl => Node.BaseUrl;

    /// <summary>The nodes' database (for tests that inspect it or inject faults into it).</summary>
    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await StartNodeAsync();
        await SignInAdminAsync();
    }

    /// <summary>Starts another node in the same cluster and database.</summary>
    public async Task<EngagementNode> StartNodeAsync()
    {
        // One node takes mail (a port is one listener's); every node sends mail and processes what was taken.
        var settings = _nodes.Count > 0 && _settings.ContainsKey(InboundMailPort)
            ? new Dictionary<string, string?>(_settings) { [InboundMailPort] = "0" }
            : _settings;
        var node = await EngagementNode.StartAsync(_database.ConnectionString, settings);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Stops one node gracefully (its silo leaves the cluster, its connections close); the others go on.</summary>
    public async Task StopNodeAsync(EngagementNode node)
    {
        _nodes.Remove(node);
        await node.DisposeAsync();
    }

    /// <summary>Stops every node (gracefully), as an operator restarting the cluster would.</summary>
    public async Task StopAllNodesAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        _nodes.Clear();
    }

    public HttpClient Http(string? token, EngagementNode? node) => Http(token, (node ?? Node).BaseUrl);

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        await _database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<EndToEndFixture>
{
    public const string Name = "end to end";
}
