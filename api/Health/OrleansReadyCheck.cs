using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Engagement.Api.Health;

/// <summary>Ready when this process hosts a silo that the cluster membership lists as active.</summary>
internal sealed class OrleansReadyCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var membership = services.GetService<IClusterMembershipService>();
        var silo = services.GetService<ILocalSiloDetails>();
        if (membership is null || silo is null)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Orleans is not hosted in this process."));
        }

        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {silo.SiloAddress} is active.")
            : HealthCheckResult.Unhealthy($"Silo {silo.SiloAddress} is {status}."));
    }
}
