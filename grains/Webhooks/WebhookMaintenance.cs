using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Engagement.Webhooks;

/// <summary>
/// Every <see cref="WebhookOptions.MaintenanceInterval"/>, on every silo: declares dead the deliveries whose last
/// attempt's claim lapsed (their silo stopped before recording a result, so no claim would take them again), and
/// deletes finished deliveries past their retention, in chunks that skip rows another silo is deleting.
/// </summary>
internal sealed partial class WebhookMaintenance(
    WebhookDatabase database, IOptions<WebhookOptions> options, ILogger<WebhookMaintenance> logger) : BackgroundService
{
    private const int PruneChunk = 5000;

    private const string LapsedSql = """
        UPDATE engagement.webhook_delivery SET status = 2, finished_at = now(),
            last_error = 'no result: the silo making the last attempt stopped before recording it'
        WHERE status = 0 AND attempts >= $1 AND next_attempt_at <= now()
        """;

    private const string PruneSql = """
        DELETE FROM engagement.webhook_delivery WHERE id IN (
            SELECT id FROM engagement.webhook_delivery
            WHERE status <> 0 AND finished_at < now() - LEAST($1::interval, $2::interval)
              AND finished_at < now() - CASE status WHEN 1 THEN $1::interval ELSE $2::interval END
            LIMIT $3 FOR UPDATE SKIP LOCKED)
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(o.MaintenanceInterval, stoppingToken).ConfigureAwait(false);
            try
            {
                await using (var lapsed = database.DataSource.CreateCommand(LapsedSql))
                {
                    lapsed.Parameters.Add(new NpgsqlParameter<int> { TypedValue = o.MaxAttempts });
                    await lapsed.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }
                int pruned;
                do
                {
                    await using var prune = database.DataSource.CreateCommand(PruneSql);
                    prune.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = o.DeliveredRetention });
                    prune.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = o.DeadRetention });
                    prune.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PruneChunk });
                    pruned = await prune.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                } while (pruned == PruneChunk && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogMaintenanceFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery maintenance (lapsed claims, retention) failed; trying again next interval")]
    private partial void LogMaintenanceFailed(Exception exception);
}
