using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Api.Health;

/// <summary>
/// /health/live: the process serves HTTP (no dependencies checked, so a slow database never gets a node
/// restarted). /health/ready: Orleans is up and PostgreSQL answers; load balancers route only to ready nodes.
/// </summary>
internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    /// <summary>The connection string every part of the node uses: ConnectionStrings:Engagement.</summary>
    public const string ConnectionStringName = "Engagement";

    public static IServiceCollection AddEngagementHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<OrleansReadyCheck>("orleans", tags: [ReadyTag])
            .AddNpgSql(
                sp => sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName)
                      ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not set."),
                name: "postgresql",
                tags: [ReadyTag],
                timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    public static IEndpointRouteBuilder MapEngagementHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) })
            .AllowAnonymous();
        return routes;
    }
}
