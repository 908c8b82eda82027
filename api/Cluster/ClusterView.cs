using Microsoft.Extensions.Logging;

namespace Engagement.Api.Cluster;

/// <summary>
/// The cluster as an operator sees it (GET /api/cluster): every silo from Orleans' membership table with Orleans'
/// figures (CPU, memory, activations: <see cref="IManagementGrain"/>) and the node's own (hub connections, drain:
/// <see cref="INodeGrain"/>). A silo that cannot answer (stopping, dead, cut off) is listed with its figures null.
/// </summary>
public sealed partial class ClusterView(IGrainFactory grains, ILocalSiloDetails local, TimeProvider clock, ILogger<ClusterView> logger)
{
    /// <summary>
    /// How long after its last sign of life (the membership table's "I am alive" time, written every 30 s and at
    /// leaving) a silo that left stays listed as <c>dead</c>, so an operator sees it go; older ones are history.
    /// </summary>
    public static readonly TimeSpan DeadListedFor = TimeSpan.FromMinutes(2);

    public async Task<ClusterSnapshot> ReadAsync()
    {
        var now = clock.GetUtcNow();
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        var listed = hosts
            .Where(h => h.Status != SiloStatus.Dead || now - Utc(h.IAmAliveTime) <= DeadListedFor)
            .OrderBy(h => h.StartTime).ThenBy(h => h.SiloAddress.ToParsableString(), StringComparer.Ordinal)
            .ToList();
        var silos = await Task.WhenAll(listed.Select(ReadAsync));
        return new ClusterSnapshot(now, local.SiloAddress.ToParsableString(), silos);
    }

    /// <summary>One silo as <see cref="ReadAsync()"/> lists it; null when the membership table does not have it.</summary>
    public async Task<ClusterSilo?> ReadAsync(SiloAddress silo)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        return hosts.FirstOrDefault(h => h.SiloAddress.Equals(silo)) is { } host ? await ReadAsync(host) : null;
    }

    /// <summary>The node grain of <paramref name="silo"/>, placed on it.</summary>
    public INodeGrain Node(SiloAddress silo) => grains.GetGrain<INodeGrain>(GrainKeys.Node(silo.ToParsableString()));

    private async Task<ClusterSilo> ReadAsync(MembershipEntry host)
    {
        var status = StatusOf(host.Status);
        SiloRuntimeStatistics? runtime = null;
        NodeFigures? figures = null;
        if (status == ClusterSiloStatus.Active)
        {
            try
            {
                var statistics = grains.GetGrain<IManagementGrain>(0).GetRuntimeStatistics([host.SiloAddress]);
                figures = await Node(host.SiloAddress).GetFigures();
                runtime = (await statistics).FirstOrDefault();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // It may be leaving at this moment: listed without figures rather than failing the whole view.
                LogNoFigures(host.SiloAddress, ex.GetType().Name, ex.Message);
            }
        }
        var environment = runtime?.EnvironmentStatistics;
        return new ClusterSilo(
            host.SiloAddress.ToParsableString(),
            host.SiloName,
            host.HostName,
            $"{host.SiloAddress.Endpoint.Address}:{host.SiloAddress.Endpoint.Port}",
            status,
            Utc(host.StartTime),
            host.SiloAddress.Equals(local.SiloAddress),
            figures?.Draining ?? false,
            figures?.CloseAt,
            environment is { } env ? Math.Round(env.FilteredCpuUsagePercentage, 1) : null,
            environment?.FilteredMemoryUsageBytes,
            environment?.MaximumAvailableMemoryBytes,
            runtime?.ActivationCount,
            figures is null ? null : new HubConnections(figures.VisitorConnections, figures.AgentConnections));
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static ClusterSiloStatus StatusOf(SiloStatus status) => status switch
    {
        SiloStatus.Active => ClusterSiloStatus.Active,
        SiloStatus.ShuttingDown or SiloStatus.Stopping => ClusterSiloStatus.ShuttingDown,
        SiloStatus.Dead => ClusterSiloStatus.Dead,
        _ => ClusterSiloStatus.Joining,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster view: no figures from silo {Silo} ({Error}: {Message}).")]
    private partial void LogNoFigures(SiloAddress silo, string error, string message);
}

/// <summary>A silo's state in the cluster: Orleans' membership statuses, folded to what an operator acts on.</summary>
public enum ClusterSiloStatus
{
    /// <summary>Starting, not yet taking work.</summary>
    Joining,
    Active,
    /// <summary>Leaving: handing off its grains and stopping.</summary>
    ShuttingDown,
    /// <summary>Gone (stopped, or declared dead by the others).</summary>
    Dead,
}

/// <summary>GET /api/cluster: every silo, as of <paramref name="At"/>, and which one answered.</summary>
public sealed record ClusterSnapshot(DateTimeOffset At, string AnsweredBy, ClusterSilo[] Silos);

/// <summary>One silo; the figures are null when it could not be asked (not active, or leaving at that moment).</summary>
/// <param name="Silo">Its id in the cluster (address and generation), as POST /api/cluster/silos/{silo}/drain takes it.</param>
/// <param name="Endpoint">The silo-to-silo address and port.</param>
/// <param name="IsThisNode">The node that answered this request.</param>
/// <param name="CpuPercent">The process's CPU use, 0–100.</param>
/// <param name="MemoryBytes">The silo process's memory in use, as Orleans measures it (smoothed).</param>
/// <param name="MemoryLimitBytes">The most memory available to it (the machine's, or the container's limit).</param>
public sealed record ClusterSilo(
    string Silo,
    string? Name,
    string? Host,
    string Endpoint,
    ClusterSiloStatus Status,
    DateTimeOffset StartedAt,
    bool IsThisNode,
    bool Draining,
    DateTimeOffset? CloseAt,
    double? CpuPercent,
    long? MemoryBytes,
    long? MemoryLimitBytes,
    int? Activations,
    HubConnections? Connections);

/// <summary>Live client connections of one silo, by hub.</summary>
public sealed record HubConnections(int Visitor, int Agent);
