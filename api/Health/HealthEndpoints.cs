using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Engagement.Api.Health;

/// <summary>
/// Both /health/member and /health/ready wait until the host has started (seed data written).
/// /health/live: the process serves HTTP (no dependencies checked, so a slow database never gets a node
/// restarted). /health/member: this silo is an active cluster member — what a load balancer that cuts the
/// connections of a failed server checks (HAProxy; a draining node stays a member while its clients move).
/// /health/ready: a member that is not draining — what an orchestrator that stops sending traffic by readiness
/// checks. PostgreSQL is reported in both, but as Degraded (still 200): every node shares it, so taking nodes
/// out while it restarts would only cut live connections that still work.
/// </summary>
internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";
    public const string MemberTag = "member";

    public static IServiceCollection AddEngagementHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StartupCheck>("startup", tags: [ReadyTag, MemberTag])
            .AddCheck<OrleansReadyCheck>("orleans", tags: [ReadyTag, MemberTag])
            .AddCheck<PostgresReadyCheck>("postgresql", failureStatus: HealthStatus.Degraded, tags: [ReadyTag, MemberTag], timeout: TimeSpan.FromSeconds(5));
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
        var member = new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(MemberTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        };
        routes.MapHealthChecks("/health/member", member).AllowAnonymous();
        return routes;
    }
}
