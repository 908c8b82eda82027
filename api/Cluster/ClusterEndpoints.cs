using Engagement.Api.Audit;
using Engagement.Api.Auth;
using Engagement.Api.Endpoints.Errors;
using Engagement.Api.Validation;
using Engagement.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace Engagement.Api.Cluster;

/// <summary>
/// The operator's cluster view and the drain of a chosen silo (docs/protocol.md, "Cluster"; docs/operations.md,
/// "Cluster view and drain"). Any node answers: the request reaches the named silo through its node grain.
/// </summary>
public static class ClusterEndpoints
{
    public const string ClusterPath = "/api/cluster";

    public static IServiceCollection AddEngagementCluster(this IServiceCollection services)
    {
        services.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
        services.AddSingleton<ClusterView>();
        return services;
    }

    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder routes)
    {
        var cluster = routes.MapGroup(ClusterPath).WithTags("Operations").RequireAuthorization(Policies.Operator);
        cluster.MapGet("", (ClusterView view) => view.ReadAsync())
            .WithSummary("Every silo: status, load, activations, hub connections, drain; dead ones for a short while after they leave.");
        cluster.MapPost("/silos/{silo}/drain", Drain)
            .Audited(AuditActions.NodeDrain, "node", "silo")
            .WithSummary("Drains the named silo, whichever node receives the request: its clients move to the others, then it leaves and exits.");
        return routes;
    }

    private static async Task<Results<Accepted<ClusterSilo>, ProblemHttpResult>> Drain(string silo, ClusterView view)
    {
        // A silo id (address, port, generation) fits in an id's length, IPv6 included.
        if (silo.Length > Limits.Id) throw InputException.TooLarge("silo", $"silo is longer than {Limits.Id} characters.");
        var address = SiloOf(silo);
        if (address is null || await view.ReadAsync(address) is not { } found)
            return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Not found", $"No silo {silo} in this cluster.");
        if (found.Status != ClusterSiloStatus.Active)
            return Conflict($"Silo {silo} is {found.Status.ToString().ToLowerInvariant()}, not active: there is nothing to drain.");
        bool started;
        try
        {
            started = await view.Node(address).Drain();
        }
        catch (SiloUnavailableException)
        {
            return Conflict($"Silo {silo} is leaving the cluster already.");
        }
        if (!started) return Conflict($"Silo {silo} is draining already.");
        return TypedResults.Accepted((string?)null, await view.ReadAsync(address) ?? found);
    }

    private static ProblemHttpResult Conflict(string detail) =>
        Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "Conflict", detail);

    private static SiloAddress? SiloOf(string silo) => SiloPinnedPlacementDirector.SiloOf(GrainKeys.Node(silo));
}
