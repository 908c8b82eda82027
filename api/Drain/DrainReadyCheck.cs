using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Engagement.Api.Drain;

/// <summary>Not ready while draining: load balancers stop sending new connections here.</summary>
internal sealed class DrainReadyCheck(DrainState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsDraining
            ? HealthCheckResult.Unhealthy($"Draining; connections close at {state.CloseAt:O}.")
            : HealthCheckResult.Healthy("Taking connections."));
}
