using Npgsql;
using NpgsqlTypes;

namespace Engagement.Webhooks;

/// <summary>
/// <see cref="IWebhookOutbox"/> on PostgreSQL: one statement inserts a delivery per event and active subscription
/// to its type (the subscriptions are joined in the statement, so a stale view here can only cost a round trip).
/// </summary>
internal sealed class WebhookOutbox(WebhookDatabase database, WebhookSubscriptionCache subscriptions, DeliverySignal signal) : IWebhookOutbox
{
    private const string InsertSql =
        "INSERT INTO engagement.webhook_delivery (subscription_id, event_id, event_type, occurred_at, data) " +
        "SELECT s.id, e.id, e.type, e.at, e.data " +
        "FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::jsonb[]) AS e(id, type, at, data) " +
        "JOIN engagement.webhook_subscription s ON s.active AND s.event_types @> ARRAY[e.type] " +
        "ON CONFLICT (subscription_id, event_id) WHERE replay_of IS NULL DO NOTHING";

    public Task PublishAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken = default) =>
        PublishAsync([webhookEvent], cancellationToken);

    public async Task PublishAsync(IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events) Check(e);
        var wanted = events.Where(e => subscriptions.Wants(e.Type)).ToArray();
        if (wanted.Length == 0) return;

        await using var command = database.DataSource.CreateCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. wanted.Select(e => e.Id)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. wanted.Select(e => e.Type)] });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. wanted.Select(e => e.OccurredAt.UtcDateTime)] });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb, Value = wanted.Select(e => WebhookJson.Data(e.Data)).ToArray() });
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0) signal.Wake();
    }

    /// <summary>A publisher's mistake, not the caller's input: it throws at once rather than being stored.</summary>
    private static void Check(WebhookEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (string.IsNullOrEmpty(e.Id) || e.Id.Length > WebhookOptions.MaxEventIdLength)
            throw new ArgumentException($"A webhook event id is 1 to {WebhookOptions.MaxEventIdLength} characters.", nameof(e));
        if (!WebhookEventTypes.IsSubscribable(e.Type) || e.Type == WebhookEventTypes.MessageCreated)
            throw new ArgumentException($"'{e.Type}' is not an event type published here (WebhookEventTypes; message.created comes with the transcript).", nameof(e));
    }
}
