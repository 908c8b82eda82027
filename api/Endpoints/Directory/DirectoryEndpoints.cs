using Engagement.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Endpoints.Directory;

/// <summary>The representatives directory for the widget before its hub connection is up (any valid token).</summary>
internal static class DirectoryEndpoints
{
    public static IEndpointRouteBuilder MapDirectoryEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/directory", Get).WithTags("Directory").RequireAuthorization(Policies.Authenticated)
            .WithSummary("The representatives (name, title, photo, expertise, presence) and every queue's agents online.");
        return routes;
    }

    private static async Task<Ok<DirectorySnapshot>> Get(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetTeamDirectory().GetSnapshot());
}
