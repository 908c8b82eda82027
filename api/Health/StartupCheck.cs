using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Engagement.Api.Health;

/// <summary>
/// Healthy once the host has started: every hosted service's start hooks have run, the seed data included.
/// Kestrel listens (and the silo is an active member) before those hooks finish, so without this a fresh
/// node reported ready while its seeded accounts did not exist yet and their sign-ins answered 401.
/// </summary>
internal sealed class StartupCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStarted.IsCancellationRequested
            ? HealthCheckResult.Healthy("Started.")
            : HealthCheckResult.Unhealthy("Still starting."));
}
