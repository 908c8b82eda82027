using System.Reflection;
using Engagement.Attachments;
using Engagement.Context;
using Engagement.Hosting;
using Engagement.Media.Hosting;
using Engagement.Reports;
using Engagement.Storage;
using Engagement.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Engagement.Scale;

/// <summary>
/// One in-process silo of a scale cluster (docs/scaling.md): the real grains and their PostgreSQL stores, as in
/// the two-silo test cluster, plus what that cluster leaves in memory, membership: the AdoNet clustering table of
/// the same database, so joins, probes, votes and IAmAlive go through PostgreSQL as on real nodes, and the
/// transcript store is fenced by this silo's row as in production. Shared by the scale tests and
/// <c>./engage bench cluster</c> (linked into load-tests/Scale), so both run the same cluster.
/// </summary>
public static class ScaleSilo
{
    /// <summary>
    /// A cluster of <paramref name="silos"/> silos on <paramref name="connectionString"/> (a migrated database),
    /// its client reading the gateways from the same membership table. Not deployed yet.
    /// </summary>
    public static InProcessTestCluster Build(short silos, string connectionString, IConfiguration configuration)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        UseRealMembership(builder.Options);
        builder.Options.ConfigureFileLogging = false; // a log file per silo in the working directory, otherwise
        builder.ConfigureSilo((_, silo) => Configure(silo, connectionString, configuration));
        builder.ConfigureClient(client => client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", OrleansSchema(connectionString))));
        return builder.Build();
    }

    /// <summary>
    /// Turns off the test cluster's in-memory membership table (and with it its test grain directory, so Orleans' default
    /// directory runs: LocalGrainDirectory, partitioned over the silos). The switch is internal in Orleans.TestingHost 10.4.2 (public in the older
    /// TestCluster), hence reflection; without it the test table would replace the AdoNet one registered below.
    /// </summary>
    private static void UseRealMembership(InProcessTestClusterOptions options)
    {
        var property = typeof(InProcessTestClusterOptions).GetProperty("UseTestClusterMembership", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("Orleans.TestingHost has no UseTestClusterMembership option any more: see how it keeps its test membership out now.");
        property.SetValue(options, false);
    }

    private static void Configure(ISiloBuilder silo, string connectionString, IConfiguration configuration)
    {
        var orleans = OrleansSchema(connectionString);
        silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", orleans));
        // The silo's own failure detection, so that detection times here are the product's.
        silo.Configure<ClusterMembershipOptions>(Engagement.Silo.Extensions.ApplyMembershipDefaults);
        silo.AddAdoNetGrainStorage("store", o => (o.Invariant, o.ConnectionString, o.DeleteStateOnClear) = ("Npgsql", orleans, true));
        silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = ("Npgsql", orleans));
        silo.AddContextStreams(orleans);
        silo.Services.AddEngagementGrains(configuration);
        silo.Services.AddEngagementMedia(configuration);
        silo.Services.AddPostgresTranscriptStore(connectionString, fenceByMembership: true);
        silo.Services.AddPostgresConversationIndex(connectionString);
        silo.Services.AddPostgresContactIndex(connectionString);
        silo.Services.AddPostgresAuditLog(connectionString);
        silo.Services.AddEngagementReports(configuration, connectionString);
        silo.Services.AddEngagementAttachments(configuration, connectionString);
        silo.Services.AddEngagementWebhooks(configuration, connectionString);
        silo.Services.UseEngagementGrainStateSerializer();
    }

    /// <summary>The connection string the Orleans providers use: the same database, schema "orleans".</summary>
    public static string OrleansSchema(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = "orleans" }.ConnectionString;
}
