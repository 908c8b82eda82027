using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Engagement.Api.Health;

/// <summary>
/// /health/live: the process serves HTTP (no dependencies checked, so a slow database never gets a node
/// restarted). /health/ready: this silo is an active cluster member and not draining; load balancers route
/// only to ready nodes. PostgreSQL is reported too, but as Degraded (still 200): every node shares it, so
/// taking nodes out of the balancer while it restarts would only cut live connections that still work.
/// </summary>
internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddEngagementHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<OrleansReadyCheck>("orleans", tags: [ReadyTag])
            .AddCheck<PostgresReadyCheck>("postgresql", failureStatus: HealthStatus.Degraded, tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    public static IEndpointRouteBuilder MapEngagementHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        var ready = new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        };
        routes.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        return routes;
    }
}
