using Engagement.FunctionalTests.Cluster;
using Engagement.FunctionalTests.Infrastructure;
using Engagement.LoadTests.Cluster;
using Engagement.Scale;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Engagement.FunctionalTests.Scale;

/// <summary>
/// Twelve in-process silos with the real grains on a fresh PostgreSQL database and AdoNet clustering on it
/// (<see cref="ScaleSilo"/>): the membership table, probes and votes are the product's. One per test class:
/// starting a dozen silos is the expensive part. Each silo has a <see cref="RecordingRouter"/> for its hubs.
/// </summary>
public sealed class ScaleClusterFixture : IAsyncLifetime
{
    public const short SiloCount = 12;

    private readonly PostgresFixture _database = new();
    private readonly RecordingRouters _routers;
    private static readonly Dictionary<string, string?> Settings = new()
    {
        [$"{PresenceOptions.Section}:HeartbeatInterval"] = "00:00:00.200",
        [$"{PresenceOptions.Section}:ConnectionTimeout"] = "00:00:05",
        [$"{PresenceOptions.Section}:DisconnectGrace"] = "00:00:00.400",
    };

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public ScaleClusterFixture() => _routers = new(() => Cluster.Silos);

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        Cluster = ScaleSilo.Build(SiloCount, _database.ConnectionString, configuration);
        await Cluster.DeployAsync();
    }

    /// <summary>The live silos, in start order.</summary>
    public IReadOnlyList<InProcessSiloHandle> Silos => Cluster.Silos;

    /// <summary>The status of <paramref name="silo"/> in the membership view of <paramref name="observer"/>.</summary>
    public static SiloStatus StatusSeenBy(InProcessSiloHandle observer, SiloAddress silo) =>
        observer.ServiceProvider.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(silo);

    /// <summary>The newest row of <paramref name="silo"/> in the PostgreSQL membership table.</summary>
    public async Task<MemberStatus?> StatusInTable(SiloAddress silo) =>
        MembershipTable.Latest(await MembershipTable.ReadAsync(ConnectionString), silo.Endpoint.Port)?.Status;

    public async Task<SiloAddress> SiloOf(IAddressable grain) =>
        await Cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain)
        ?? throw new InvalidOperationException("The grain is not active.");

    public Scenario Scenario() => new(Cluster.Client, RouterOn);

    private (IConnectionRouter, RecordingRouter, SiloAddress) RouterOn(int index) => _routers.On(index);

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await _database.DisposeAsync();
    }
}
