using System.Collections.Frozen;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Engagement.Webhooks;

/// <summary>
/// This silo's view of which event types some active subscription wants, so that publishing an event nobody
/// wants costs nothing: no round trip for <see cref="IWebhookOutbox"/>, and for message.created not even a
/// larger transcript statement. Changes reach it through PostgreSQL LISTEN/NOTIFY (the subscription store
/// notifies <see cref="Channel"/> in the changing transaction), and it re-reads every
/// <see cref="WebhookOptions.SubscriptionRefresh"/> in case a notification was lost with its connection.
/// Until the first read it answers "wanted", leaving the decision to the database, which joins the subscriptions itself.
/// </summary>
internal sealed partial class WebhookSubscriptionCache(
    WebhookDatabase database, IOptions<WebhookOptions> options, ILogger<WebhookSubscriptionCache> logger) : BackgroundService
{
    public const string Channel = "engagement_webhook_subscriptions";
    private const string WantedSql = "SELECT DISTINCT unnest(event_types) FROM engagement.webhook_subscription WHERE active";
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim refreshing = new(1, 1);
    private volatile FrozenSet<string>? wanted;
    private volatile bool wantsMessages = true;

    /// <summary>Whether some active subscription may want <paramref name="type"/>.</summary>
    public bool Wants(string type) => wanted?.Contains(type) ?? true;

    /// <summary><see cref="Wants"/> for <see cref="WebhookEventTypes.MessageCreated"/>, as a field read (the chat path asks once per batch).</summary>
    public bool WantsMessages => wantsMessages;

    /// <summary>Re-reads the subscriptions now (after a change made on this silo, so its effect here is immediate).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = database.DataSource.CreateCommand(WantedSql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var types = new List<string>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) types.Add(reader.GetString(0));
            var set = types.ToFrozenSet(StringComparer.Ordinal);
            wanted = set;
            wantsMessages = set.Contains(WebhookEventTypes.MessageCreated);
        }
        finally
        {
            refreshing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogListenFailed(e);
                await Task.Delay(RetryAfterFailure, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Listens on one connection, reading the subscriptions once listening and again on each notification or quiet interval.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(stoppingToken).ConfigureAwait(false);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            await RefreshAsync(stoppingToken).ConfigureAwait(false);
            await connection.WaitAsync(options.Value.SubscriptionRefresh, stoppingToken).ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        refreshing.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for webhook subscription changes failed; retrying (publishers use the last subscriptions read)")]
    private partial void LogListenFailed(Exception exception);
}
