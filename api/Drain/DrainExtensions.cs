using Engagement.Api.Audit;
using Engagement.Audit;
using Engagement.Api.Auth;
using Engagement.Api.Endpoints.Errors;
using Engagement.Api.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Drain;

/// <summary>Registers and maps the graceful drain: the state, the drain itself, readiness, refusal of new hub connections, the operator endpoint.</summary>
public static class DrainExtensions
{
    public const string DrainPath = "/api/admin/drain";

    public static IServiceCollection AddEngagementDrain(this IServiceCollection services)
    {
        services.AddSettings<DrainOptions>();
        // The host must wait for the drain and then for Orleans to hand off its grains.
        services.AddOptions<HostOptions>().Configure<IOptions<DrainOptions>>((host, drain) =>
            host.ShutdownTimeout = drain.Value.Timeout + drain.Value.HandOff);
        services.AddSingleton<DrainState>();
        services.AddSingleton<NodeDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeDrain>());
        services.AddHealthChecks().AddCheck<DrainReadyCheck>("drain", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }

    /// <summary>
    /// SIGTERM, SIGINT and SIGQUIT drain the node before the host stops (<see cref="DrainingLifetime"/>). For the
    /// process that is the node (silo/Program.cs); a host embedded in another process (tests) keeps its own lifetime.
    /// </summary>
    public static IServiceCollection AddDrainOnSignals(this IServiceCollection services) =>
        services.AddSingleton<IHostLifetime, DrainingLifetime>();

    /// <summary>New hub connections are refused while draining (503), so clients land on another node.</summary>
    public static IApplicationBuilder UseEngagementDrain(this IApplicationBuilder app, PathString hubsPrefix) =>
        app.Use(async (context, next) =>
        {
            var state = context.RequestServices.GetRequiredService<DrainState>();
            if (state.IsDraining && context.Request.Path.StartsWithSegments(hubsPrefix))
            {
                context.Response.Headers.RetryAfter = "1";
                await Problems.Unavailable("This node is draining; connect again to reach another node.").ExecuteAsync(context);
                return;
            }
            await next(context);
        });

    /// <summary>POST /api/admin/drain (operators and admins): the node drains and then exits, as on SIGTERM.</summary>
    public static IEndpointRouteBuilder MapDrainEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(DrainPath, (NodeDrain drain, IOptions<DrainOptions> options) =>
            {
                drain.DrainThenStop();
                return TypedResults.Accepted((string?)null, new DrainAccepted(options.Value.Timeout, options.Value.Timeout + options.Value.HandOff));
            })
            .RequireAuthorization(Policies.Operator)
            .Audited(AuditActions.NodeDrain, "node")
            .WithTags("Operations")
            .WithSummary("Drains this node: clients are told to reconnect elsewhere, then the node leaves the cluster and exits.");
        return routes;
    }
}

/// <summary>The answer to a drain request: how long clients get, and the bound on the whole exit.</summary>
public sealed record DrainAccepted(TimeSpan DrainTimeout, TimeSpan ExitWithin);
