using System.Net;
using Engagement.Api.Hosting;
using Engagement.Api.Telemetry;
using Engagement.Attachments;
using Engagement.Context;
using Engagement.Email;
using Engagement.Hosting;
using Engagement.Media.Hosting;
using Engagement.Reports;
using Engagement.Storage;
using Engagement.Webhooks;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Engagement.Silo;

/// <summary>Composes one node: Orleans (clustering, storage, reminders, streams on PostgreSQL), grains and the API.</summary>
public static class Extensions
{
    public const string ConnectionStringName = "Engagement";
    public const string StorageName = "store";
    public const string StreamProviderName = "context";

    public static WebApplicationBuilder AddEngagementSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddEngagementGrains(builder.Configuration);
        builder.Services.AddEngagementMedia(builder.Configuration);
        builder.Services.AddEngagementApi(builder.Configuration);
        builder.AddEngagementOrleans();
        builder.AddEngagementOrleansDashboard();
        builder.AddEngagementTelemetry(); // metrics for Prometheus, traces over OTLP: Engagement:Telemetry:Enabled, :Tracing:Enabled
        return builder;
    }

    /// <summary>The process's own pause log (GC stops, stretches not scheduled); the silo binary's, not in-process test nodes'.</summary>
    public static IServiceCollection AddPauseMonitor(this IServiceCollection services) => services.AddHostedService<PauseMonitor>();

    /// <summary>
    /// Orleans on PostgreSQL plus what the grains persist through: the schema migrator (runs before the
    /// silo starts), the transcript store and the grain-state serializer. The silo and the functional
    /// tests both use this, so tests run the configuration that ships. See docs/operations.md for the keys.
    /// </summary>
    public static IHostApplicationBuilder AddEngagementOrleans(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (ConnectionStringProblem(connectionString) is { } problem)
            throw new OptionsValidationException($"ConnectionStrings:{ConnectionStringName}", typeof(string), [problem]);
        ArgumentNullException.ThrowIfNull(connectionString);

        builder.Services.AddEngagementSchemaMigration(connectionString);
        // Fenced by this silo's membership row (same database): a silo declared dead can no longer append.
        builder.Services.AddPostgresTranscriptStore(connectionString, o => configuration.GetSection(TranscriptStoreOptions.Section).Bind(o), fenceByMembership: true);
        builder.Services.AddPostgresConversationIndex(connectionString);
        builder.Services.AddPostgresContactIndex(connectionString);
        builder.Services.AddEngagementReports(configuration, connectionString); // session facts and historical reports
        builder.Services.AddPostgresAuditLog(connectionString);
        builder.Services.AddEngagementAttachments(configuration, connectionString);
        builder.Services.UseEngagementGrainStateSerializer();
        builder.Services.AddEngagementEmail(configuration, connectionString); // only with Engagement:Email:Enabled (docs/email.md)
        // Outgoing webhooks: the outbox, message.created with the transcript's batches, a dispatcher on every silo.
        builder.Services.AddEngagementWebhooks(configuration, connectionString);

        // Our defaults, registered before UseOrleans so that Orleans' own binding of the "Orleans"
        // section (ClusterId, ServiceId, Name, Endpoints:*) runs after them and wins.
        builder.Services.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("engagement", "engagement"));
        var pod = KubernetesPod.From(configuration);
        builder.Services.Configure<EndpointOptions>(o =>
        {
            // In a pod the other silos reach this one on the pod's IP (without POD_IP, Orleans picks an interface's);
            // UseKubernetesHosting then listens on all interfaces.
            o.AdvertisedIPAddress = pod is null ? IPAddress.Loopback : pod.IP!; // null: resolved by Orleans, as by default
            o.SiloPort = EndpointOptions.DEFAULT_SILO_PORT;
            o.GatewayPort = 0; // the API is co-hosted; no external Orleans clients need a gateway
        });
        builder.Services.Configure<ClusterMembershipOptions>(o =>
        {
            ApplyMembershipDefaults(o);
            configuration.GetSection("Orleans:Membership").Bind(o);
        });

        var orleansConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = "orleans" }.ConnectionString;
        builder.UseOrleans(silo =>
        {
            silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", orleansConnectionString));
            // Clearing a grain's state deletes its row: erasing a contact leaves no key behind (docs/protocol.md, Erasure).
            silo.AddAdoNetGrainStorage(StorageName, o => (o.Invariant, o.ConnectionString, o.DeleteStateOnClear) = ("Npgsql", orleansConnectionString, true));
            silo.AddAdoNetGrainStorage("PubSubStore", o => (o.Invariant, o.ConnectionString) = ("Npgsql", orleansConnectionString));
            silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = ("Npgsql", orleansConnectionString));
            silo.AddContextStreams(orleansConnectionString); // provider "context": ADO.NET streams on PostgreSQL, implicit subscriptions (grains/Context)
            // Silo name = pod name, and a pod deleted = its silo declared dead at once (deploy/k8s, docs/deploy.md).
            if (pod is not null) silo.UseKubernetesHosting();
            // Grain calls carry the caller's trace context (to other silos too) and get spans: only when traces are recorded.
            if (configuration.IsTracingEnabled()) silo.AddActivityPropagation();
        });
        return builder;
    }

    private static string? ConnectionStringProblem(string? connectionString)
    {
        var key = $"ConnectionStrings:{ConnectionStringName}";
        if (string.IsNullOrWhiteSpace(connectionString))
            return $"{key} is not set (or the environment variable ConnectionStrings__{ConnectionStringName}): the PostgreSQL database of the cluster.";
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"{key} is not a PostgreSQL connection string: {ex.Message}";
        }
    }

    /// <summary>
    /// Failure detection in seconds instead of Orleans' ~15 s: probes start at 2 s and adapt between
    /// 1 s and 8 s to observed response times (and stretch when this silo itself is degraded); three
    /// missed probes make a suspect, and a vote from a majority of the live silos (capped at two)
    /// declares it dead. A silo that is stopped (Ctrl-C) leaves at once; these numbers matter for a
    /// killed or frozen one. Override with Orleans:Membership:* (see docs/operations.md). Public for the scale
    /// simulation (tests/.../Scale), whose detection times must be the product's.
    /// </summary>
    public static void ApplyMembershipDefaults(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(2);
        o.MinProbeTimeout = TimeSpan.FromSeconds(1);
        o.MaxProbeTimeout = TimeSpan.FromSeconds(8);
        o.NumMissedProbesLimit = 3;
        o.NumVotesForDeathDeclaration = 2;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(15);
    }
}
