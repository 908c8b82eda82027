using Engagement.Api.OrleansDashboard;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Engagement.Silo;

/// <summary>
/// The Orleans dashboard (Microsoft.Orleans.Dashboard), served by every silo at <see cref="OrleansDashboardOptions.Path"/>
/// to operators only (<see cref="OrleansDashboardAccess"/>), when Engagement:OrleansDashboard:Enabled is on
/// (docs/operations.md, "The Orleans dashboard").
/// </summary>
public static class OrleansDashboardHosting
{
    /// <summary>The dashboard's collection on this silo: its counters every sample interval, and grain call profiling.</summary>
    public static IHostApplicationBuilder AddEngagementOrleansDashboard(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(OrleansDashboardOptions.Section).Get<OrleansDashboardOptions>() ?? new();
        if (!options.Enabled) return builder;
        builder.UseOrleans(silo => silo.AddDashboard(o =>
        {
            o.CounterUpdateIntervalMs = (int)options.SampleInterval.TotalMilliseconds;
            // The live log stream would be a second way out for the node's logs, around their retention and filters.
            o.HideTrace = true;
        }));
        return builder;
    }

    /// <summary>The dashboard's page and its JSON, behind the operators' policy.</summary>
    public static WebApplication MapEngagementOrleansDashboard(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<OrleansDashboardOptions>>().Value.Enabled) return app;
        IEndpointConventionBuilder dashboard = app.MapOrleansDashboard(OrleansDashboardOptions.Path).RequireAuthorization(OrleansDashboardAccess.Policy);
        dashboard.Add(WithoutGrainState);
        return app;
    }

    /// <summary>
    /// The dashboard's reader of any grain's state is not served (404): grain state holds what the product guards
    /// elsewhere (password hashes, contacts' details that erasure removes), beyond what the operators' views show.
    /// </summary>
    private static void WithoutGrainState(EndpointBuilder endpoint)
    {
        if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } && route.EndsWith("/GrainState", StringComparison.Ordinal))
            endpoint.RequestDelegate = context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
    }
}
