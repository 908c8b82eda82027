using HealthChecks.NpgSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Engagement.Api.Health;

/// <summary>
/// Ready when PostgreSQL answers, checked by the HealthChecks.NpgSql check on ConnectionStrings:Engagement.
/// This wrapper only reports a missing connection string as unhealthy with a clear reason (the package's
/// own registration would fail the whole request instead).
/// </summary>
internal sealed class PostgresReadyCheck(IConfiguration configuration) : IHealthCheck
{
    /// <summary>The connection string every part of the node uses: ConnectionStrings:Engagement.</summary>
    public const string ConnectionStringName = "Engagement";

    private NpgSqlHealthCheck? _check;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_check is null)
        {
            var connectionString = configuration.GetConnectionString(ConnectionStringName);
            if (string.IsNullOrEmpty(connectionString))
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"ConnectionStrings:{ConnectionStringName} is not set."));
            }

            _check = new NpgSqlHealthCheck(new NpgSqlHealthCheckOptions(connectionString));
        }

        return _check.CheckHealthAsync(context, cancellationToken);
    }
}
