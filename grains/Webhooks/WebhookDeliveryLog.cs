using Engagement.Storage;
using System.Text.Json;
using Npgsql;

namespace Engagement.Webhooks;

/// <summary><see cref="IWebhookDeliveries"/> on engagement.webhook_delivery: the log admins read, replays and pings.</summary>
internal sealed class WebhookDeliveryLog(WebhookDatabase database, DeliverySignal signal) : IWebhookDeliveries
{
    private const string Columns =
        "d.id, d.subscription_id, d.event_id, d.event_type, d.occurred_at, d.status, d.attempts, d.next_attempt_at, d.created_at, " +
        "d.finished_at, d.last_status_code, d.last_error, d.replay_of";

    private const string ListSql =
        $"SELECT {Columns} FROM engagement.webhook_delivery d WHERE d.subscription_id = $1 AND ($2::smallint IS NULL OR d.status = $2) " +
        "AND ($3::bigint IS NULL OR d.id < $3) ORDER BY d.id DESC LIMIT $4";

    private const string GetSql =
        $"SELECT {Columns}, d.attempt_log::text, d.data::text, m.session_id, m.seq, m.kind, m.sender_id, m.sender_role, m.sender_name, m.text, m.at, m.attachments::text " +
        "FROM engagement.webhook_delivery d LEFT JOIN engagement.session_message m ON m.session_id = d.session_id AND m.seq = d.seq " +
        "WHERE d.subscription_id = $1 AND d.id = $2";

    // A replay copies the event (its id too) into a new delivery, due now.
    private const string ReplaySql =
        "INSERT INTO engagement.webhook_delivery AS d (subscription_id, event_id, event_type, occurred_at, data, session_id, seq, replay_of) " +
        "SELECT o.subscription_id, o.event_id, o.event_type, o.occurred_at, o.data, o.session_id, o.seq, o.id FROM engagement.webhook_delivery o " +
        "JOIN engagement.webhook_subscription s ON s.id = o.subscription_id AND s.active WHERE o.subscription_id = $1 AND o.id = $2 AND o.status <> 0 " +
        $"RETURNING {Columns}";

    private const string PingSql =
        "INSERT INTO engagement.webhook_delivery AS d (subscription_id, event_id, event_type, occurred_at, data) " +
        $"SELECT s.id, $2::text, '{WebhookEventTypes.Ping}', now(), jsonb_build_object('subscriptionId', s.id) FROM engagement.webhook_subscription s " +
        $"WHERE s.id = $1 AND s.active RETURNING {Columns}";

    public async Task<IReadOnlyList<WebhookDelivery>> ListAsync(
        string subscriptionId, WebhookDeliveryStatus? status, long? before, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = subscriptionId });
        command.Parameters.Add(new NpgsqlParameter { Value = status is { } s ? (short)s : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = before ?? (object)DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var deliveries = new List<WebhookDelivery>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) deliveries.Add(Read(reader));
        if (deliveries.Count == 0) await SubscriptionStateAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
        return deliveries;
    }

    public async Task<WebhookDeliveryDetail> GetAsync(string subscriptionId, long deliveryId, CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand(GetSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = subscriptionId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = deliveryId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) throw NotFound(subscriptionId, deliveryId);
        var delivery = Read(reader);
        var attempts = JsonSerializer.Deserialize<WebhookAttempt[]>(reader.GetString(13), WebhookJson.Options) ?? [];
        var data = !reader.IsDBNull(14) ? reader.GetString(14)
            : !reader.IsDBNull(15) ? WebhookJson.MessageData(new ChatMessage(
                reader.GetString(15), reader.GetInt64(16), (MessageKind)reader.GetInt16(17), reader.GetString(18), (ParticipantRole)reader.GetInt16(19),
                reader.GetString(20), reader.GetString(21), reader.GetFieldValue<DateTimeOffset>(22), null, AttachmentJson.Read(reader, 23)))
            : null;
        return new WebhookDeliveryDetail(delivery, attempts, data is null ? null : JsonDocument.Parse(data).RootElement.Clone());
    }

    public async Task<WebhookDelivery> ReplayAsync(string subscriptionId, long deliveryId, CancellationToken cancellationToken = default)
    {
        var replay = await InsertAsync(ReplaySql, subscriptionId, deliveryId, cancellationToken).ConfigureAwait(false);
        if (replay is not null) return replay;
        await SubscriptionStateAsync(subscriptionId, cancellationToken, mustBeActive: true).ConfigureAwait(false);
        var original = await GetAsync(subscriptionId, deliveryId, cancellationToken).ConfigureAwait(false);
        throw EngagementException.Conflict($"Webhook delivery {original.Delivery.Id} is still {original.Delivery.Status.ToString().ToLowerInvariant()}; only a delivered or dead one can be replayed.");
    }

    public async Task<WebhookDelivery> PingAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        var ping = await InsertAsync(PingSql, subscriptionId, Ids.New("ping_"), cancellationToken).ConfigureAwait(false);
        if (ping is not null) return ping;
        await SubscriptionStateAsync(subscriptionId, cancellationToken, mustBeActive: true).ConfigureAwait(false);
        throw EngagementException.Conflict($"Webhook subscription '{subscriptionId}' was changed meanwhile; send the ping again.");
    }

    private async Task<WebhookDelivery?> InsertAsync(string sql, string subscriptionId, object second, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = subscriptionId });
        command.Parameters.Add(new NpgsqlParameter { Value = second });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        signal.Wake();
        return Read(reader);
    }

    /// <summary>Throws not_found for an unknown subscription and, with <paramref name="mustBeActive"/>, conflict for an inactive one.</summary>
    private async Task SubscriptionStateAsync(string subscriptionId, CancellationToken cancellationToken, bool mustBeActive = false)
    {
        await using var command = database.DataSource.CreateCommand("SELECT active FROM engagement.webhook_subscription WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = subscriptionId });
        var active = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)
            ?? throw EngagementException.NotFound($"Webhook subscription '{subscriptionId}'");
        if (mustBeActive && !(bool)active)
            throw EngagementException.Conflict($"Webhook subscription '{subscriptionId}' is inactive: nothing is sent to it until it is active again.");
    }

    private static EngagementException NotFound(string subscriptionId, long deliveryId) =>
        EngagementException.NotFound($"Webhook delivery {deliveryId} of subscription '{subscriptionId}'");

    private static WebhookDelivery Read(NpgsqlDataReader r)
    {
        var status = (WebhookDeliveryStatus)r.GetInt16(5);
        return new WebhookDelivery(
            r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), status, r.GetInt32(6),
            status == WebhookDeliveryStatus.Pending ? r.GetFieldValue<DateTimeOffset>(7) : null, r.GetFieldValue<DateTimeOffset>(8),
            r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9), r.IsDBNull(10) ? null : r.GetInt32(10),
            r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : r.GetInt64(12));
    }
}
