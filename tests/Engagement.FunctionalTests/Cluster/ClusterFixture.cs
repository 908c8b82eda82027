using Engagement.Attachments;
using Engagement.Context;
using Engagement.FunctionalTests.Infrastructure;
using Engagement.Hosting;
using Engagement.Media.Hosting;
using Engagement.Reports;
using Engagement.Storage;
using Engagement.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Engagement.FunctionalTests.Cluster;

/// <summary>
/// Two in-process silos with the real grains, grain state and transcript on a fresh PostgreSQL database,
/// and short presence timings. Each silo hosts a <see cref="RecordingRouter"/> in place of its hubs.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    private readonly PostgresFixture _database = new();
    private readonly RecordingRouters _routers;
    private static readonly Dictionary<string, string?> Presence = new()
    {
        [$"{PresenceOptions.Section}:HeartbeatInterval"] = "00:00:00.200",
        [$"{PresenceOptions.Section}:ConnectionTimeout"] = "00:00:05",
        [$"{PresenceOptions.Section}:DisconnectGrace"] = "00:00:00.400",
        ["Engagement:Sessions:WrapUpTimeout"] = "00:00:02",
        ["Engagement:Context:RulesRefresh"] = "00:00:00.200",
        ["Engagement:Routing:ChosenRepresentativeWait"] = "00:00:01",
    };

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public ClusterFixture() => _routers = new(() => Cluster.Silos);

    /// <summary>The fixture's own migrated database (streams, grain state, transcript).</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <summary>Settings a derived fixture adds to (or overrides in) the shared ones.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    private readonly CancellationTokenSource _stop = new();
    private Task _announcing = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var connectionString = _database.ConnectionString;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Presence).AddInMemoryCollection(Settings).Build();
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddAdoNetGrainStorage("store", o => (o.Invariant, o.ConnectionString, o.DeleteStateOnClear) = ("Npgsql", OrleansSchema(connectionString), true));
            silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = ("Npgsql", OrleansSchema(connectionString)));
            silo.AddContextStreams(OrleansSchema(connectionString)); // as the silo: ADO.NET streams on this database, implicit subscriptions
            silo.Services.AddEngagementGrains(configuration);
            silo.Services.AddEngagementMedia(configuration);
            // Membership is in memory here, not in the database: there is no row to fence by.
            silo.Services.AddPostgresTranscriptStore(connectionString, fenceByMembership: false);
            silo.Services.AddPostgresConversationIndex(connectionString);
            silo.Services.AddPostgresContactIndex(connectionString);
            silo.Services.AddPostgresAuditLog(connectionString); // sessions record supervision in the audit log
            silo.Services.AddEngagementReports(configuration, connectionString);
            silo.Services.AddEngagementAttachments(configuration, connectionString);
            silo.Services.AddEngagementWebhooks(configuration, connectionString); // grains may publish webhook events
            silo.Services.UseEngagementGrainStateSerializer();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await AnnounceRoutersAsync();
        _announcing = AnnounceRoutersLoopAsync(_stop.Token);
    }

    /// <summary>
    /// Announces each silo's recording router to the router registry, as every real silo does for its hubs, so
    /// board grains broadcast to the recorders (as "group:&lt;name&gt;" events). Repeated, as real silos repeat it.
    /// </summary>
    private async Task AnnounceRoutersAsync()
    {
        var registry = Cluster.Client.GetGrain<IRouterRegistryGrain>(GrainKeys.RouterRegistry);
        for (var i = 0; i < Cluster.Silos.Count; i++)
        {
            var (router, _, silo) = RouterOn(i);
            await registry.Register(silo, router);
        }
    }

    private async Task AnnounceRoutersLoopAsync(CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), stop);
                try { await AnnounceRoutersAsync(); }
                catch (Exception e) when (e is not OperationCanceledException) { } // a silo stopping mid-announce; the next round fixes it
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>The recorder of the silo at <paramref name="index"/>, which also receives board broadcasts.</summary>
    public RecordingRouter RecorderOn(int index) => RouterOn(index).Item2;

    public Scenario Scenario() => new(Cluster.Client, RouterOn);

    private (IConnectionRouter, RecordingRouter, SiloAddress) RouterOn(int index) => _routers.On(index);

    public async Task<SiloAddress> SiloOf(IAddressable grain) =>
        await Cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain)
        ?? throw new InvalidOperationException("The grain is not active.");

    public int IndexOfSiloOtherThan(SiloAddress silo) => Cluster.Silos.ToList().FindIndex(s => !s.SiloAddress.Equals(silo));

    public int AnyLiveIndex() => 0;

    /// <summary>
    /// Stops a silo and starts a replacement, so later tests still have two, then waits until the test client's
    /// live gateways are exactly the running silos' (Orleans' own liveness wait, which checks the client's gateway
    /// list). The client hears of a stop asynchronously; until it has, a call whose gateway connection went with
    /// the stopped silo may pick that gateway again and fail with ConnectionFailedException.
    /// </summary>
    public async Task StopSilo(SiloAddress silo)
    {
        await Cluster.StopSiloAsync(Cluster.Silos.Single(s => s.SiloAddress.Equals(silo)));
        await Cluster.StartAdditionalSiloAsync();
        await Cluster.WaitForLivenessToStabilizeAsync();
    }

    internal static string OrleansSchema(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { SearchPath = "orleans" }.ConnectionString;

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _announcing;
        // A graceful stop first: TestCluster.DisposeAsync alone stops silos with a cancelled token (noisy errors).
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>The shared two-silo cluster for tests that leave every silo running.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "two-silo cluster";
}

/// <summary>A cluster of its own for tests that stop silos.</summary>
public sealed class FailoverClusterFixture : ClusterFixture;

[CollectionDefinition(Name)]
public sealed class FailoverCollection : ICollectionFixture<FailoverClusterFixture>
{
    public const string Name = "two-silo cluster that loses silos";
}
