using Engagement.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Endpoints.Dashboard;

/// <summary>The supervisor dashboard once (supervisors and admins); live updates come through the agent hub.</summary>
internal static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/dashboard", Get).WithTags("Dashboard").RequireAuthorization(Policies.Supervisor)
            .WithSummary("Queues (waiting, longest wait, SLA, abandoned), agents by presence and load, service quality.");
        return routes;
    }

    private static async Task<Ok<DashboardSnapshot>> Get(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetDashboard().GetDashboard());
}
