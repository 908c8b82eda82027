using Microsoft.Extensions.Options;
using Npgsql;

namespace Engagement.Webhooks;

/// <summary>
/// <see cref="IWebhookSubscriptions"/> on engagement.webhook_subscription. Every change notifies
/// <see cref="WebhookSubscriptionCache.Channel"/> in its own transaction (the other silos re-read at once) and
/// refreshes this silo's cache before returning, so an event published here right after is seen by it.
/// </summary>
internal sealed class WebhookSubscriptionStore(
    WebhookDatabase database, WebhookTargetGuard guard, WebhookSubscriptionCache cache, IOptions<WebhookOptions> options) : IWebhookSubscriptions
{
    private const string Columns = "id, url, event_types, active, description, created_at, updated_at";
    private const string Notify = $"SELECT pg_notify('{WebhookSubscriptionCache.Channel}', '')";

    public Task<string?> RefusalOfAsync(string url, CancellationToken cancellationToken = default) => guard.RefusalOfAsync(url, cancellationToken);

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM engagement.webhook_subscription ORDER BY created_at, id");
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WebhookSubscription> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM engagement.webhook_subscription WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        return Found(await ReadAllAsync(command, cancellationToken).ConfigureAwait(false), id);
    }

    public async Task<CreatedWebhookSubscription> CreateAsync(WebhookSubscriptionDraft draft, CancellationToken cancellationToken = default)
    {
        await CheckAsync(draft, cancellationToken).ConfigureAwait(false);
        var secret = WebhookSignature.NewSecret();
        var created = await ChangeAsync(
            $"INSERT INTO engagement.webhook_subscription (id, url, event_types, active, description, secret) " +
            $"SELECT $1::text, $2::text, $3::text[], $4::boolean, $5::text, $6::text WHERE (SELECT count(*) FROM engagement.webhook_subscription) < $7::bigint RETURNING {Columns}",
            [Ids.New("wh_"), draft.Url, draft.EventTypes, draft.Active, draft.Description ?? (object)DBNull.Value, secret, (long)options.Value.MaxSubscriptions],
            cancellationToken).ConfigureAwait(false);
        var subscription = created.SingleOrDefault()
            ?? throw EngagementException.Conflict($"There are already {options.Value.MaxSubscriptions} webhook subscriptions, the most allowed; delete one first.");
        return new CreatedWebhookSubscription(subscription, secret);
    }

    public async Task<WebhookSubscription> UpdateAsync(string id, WebhookSubscriptionDraft draft, CancellationToken cancellationToken = default)
    {
        await CheckAsync(draft, cancellationToken).ConfigureAwait(false);
        var updated = await ChangeAsync(
            $"UPDATE engagement.webhook_subscription SET url = $2::text, event_types = $3::text[], active = $4::boolean, description = $5::text, updated_at = now() WHERE id = $1::text RETURNING {Columns}",
            [id, draft.Url, draft.EventTypes, draft.Active, draft.Description ?? (object)DBNull.Value], cancellationToken).ConfigureAwait(false);
        return Found(updated, id);
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        Found(await ChangeAsync($"DELETE FROM engagement.webhook_subscription WHERE id = $1 RETURNING {Columns}", [id], cancellationToken).ConfigureAwait(false), id);

    public async Task<RotatedWebhookSecret> RotateSecretAsync(string id, CancellationToken cancellationToken = default)
    {
        var secret = WebhookSignature.NewSecret();
        await using var command = database.DataSource.CreateCommand(
            "UPDATE engagement.webhook_subscription SET previous_secret = secret, previous_secret_until = now() + $3, secret = $2, updated_at = now() " +
            "WHERE id = $1 RETURNING previous_secret_until");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = secret });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.Value.SecretRotationOverlap });
        var until = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)
            ?? throw EngagementException.NotFound($"Webhook subscription '{id}'");
        return new RotatedWebhookSecret(id, secret, new DateTimeOffset((DateTime)until, TimeSpan.Zero));
    }

    /// <summary>The rules a draft's shape cannot show: known types, and a target the SSRF rule allows.</summary>
    private async Task CheckAsync(WebhookSubscriptionDraft draft, CancellationToken cancellationToken)
    {
        if (draft.EventTypes.Length == 0 || !draft.EventTypes.All(WebhookEventTypes.IsSubscribable))
            throw EngagementException.Invalid($"eventTypes must name one or more of: {string.Join(", ", WebhookEventTypes.Subscribable)}.");
        if (await guard.RefusalOfAsync(draft.Url, cancellationToken).ConfigureAwait(false) is { } refusal)
            throw EngagementException.Invalid(refusal);
    }

    /// <summary>Runs a change and the notification in one transaction, then refreshes this silo's cache.</summary>
    private async Task<List<WebhookSubscription>> ChangeAsync(string sql, object[] values, CancellationToken cancellationToken)
    {
        List<WebhookSubscription> rows;
        await using (var batch = database.DataSource.CreateBatch())
        {
            var change = new NpgsqlBatchCommand(sql);
            foreach (var value in values) change.Parameters.Add(new NpgsqlParameter { Value = value });
            batch.BatchCommands.Add(change);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(Notify));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            rows = await ReadRowsAsync(reader, cancellationToken).ConfigureAwait(false);
        }
        if (rows.Count > 0) await cache.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    private static WebhookSubscription Found(List<WebhookSubscription> rows, string id) =>
        rows.SingleOrDefault() ?? throw EngagementException.NotFound($"Webhook subscription '{id}'");

    private static async Task<List<WebhookSubscription>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadRowsAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<WebhookSubscription>> ReadRowsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<WebhookSubscription>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new WebhookSubscription(
                reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return rows;
    }
}
