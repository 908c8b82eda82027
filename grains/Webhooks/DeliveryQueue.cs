using Engagement.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Engagement.Webhooks;

/// <summary>A delivery a dispatcher claimed: what to send where, and which attempt this is.</summary>
/// <param name="DataJson">The event's data, or null for message.created, whose data is <see cref="Message"/>.</param>
/// <param name="Message">The transcript message a message.created delivery refers to; null if it is no longer stored.</param>
internal sealed record ClaimedDelivery(
    long Id, int Attempt, string SubscriptionId, string Url, string Secret, string? PreviousSecret,
    string EventId, string EventType, DateTimeOffset OccurredAt, string? DataJson, ChatMessage? Message);

/// <summary>How one attempt ended; <see cref="Outcome"/> and <see cref="Wait"/> say what becomes of the delivery.</summary>
internal sealed record AttemptResult(
    long Id, int Attempt, string SubscriptionId, DateTimeOffset At, int? StatusCode, string? Error, double DurationMs, string? Excerpt,
    WebhookDeliveryStatus Outcome, TimeSpan Wait);

/// <summary>
/// The dispatchers' statements on engagement.webhook_delivery. A claim takes due deliveries with FOR UPDATE SKIP
/// LOCKED (silos never take the same one), counts the attempt and pushes next_attempt_at out by the lease, so a
/// claim whose silo dies comes due again by itself. A result is recorded only if the delivery is still at that
/// attempt (a claim that lapsed and was taken again elsewhere cannot overwrite the newer one); its log entry is kept either way.
/// </summary>
internal static class DeliveryQueue
{
    private const string ClaimSql = """
        WITH due AS (
            SELECT d.id, d.subscription_id, d.session_id, d.seq
            FROM engagement.webhook_delivery d
            JOIN engagement.webhook_subscription s ON s.id = d.subscription_id AND s.active
            WHERE d.status = 0 AND d.next_attempt_at <= now() AND d.attempts < $2 AND d.subscription_id <> ALL($4::text[])
            ORDER BY d.next_attempt_at
            LIMIT $1
            FOR UPDATE OF d SKIP LOCKED)
        UPDATE engagement.webhook_delivery d
        SET attempts = d.attempts + 1, next_attempt_at = now() + $3::interval
        FROM due
        JOIN engagement.webhook_subscription s ON s.id = due.subscription_id
        LEFT JOIN engagement.session_message m ON m.session_id = due.session_id AND m.seq = due.seq
        WHERE d.id = due.id
        RETURNING d.id, d.attempts, s.id, s.url, s.secret, CASE WHEN s.previous_secret_until > now() THEN s.previous_secret END,
            d.event_id, d.event_type, d.occurred_at, d.data::text, d.session_id IS NOT NULL,
            m.session_id, m.seq, m.kind, m.sender_id, m.sender_role, m.sender_name, m.text, m.at, m.attachments::text
        """;

    private const string CurrentAttempt = "d.status = 0 AND d.attempts = r.attempt";

    private const string RecordSql = $"""
        UPDATE engagement.webhook_delivery d SET
            attempt_log = d.attempt_log || r.entry,
            status = CASE WHEN {CurrentAttempt} THEN r.outcome ELSE d.status END,
            next_attempt_at = CASE WHEN {CurrentAttempt} AND r.outcome = 0 THEN now() + r.wait ELSE d.next_attempt_at END,
            finished_at = CASE WHEN {CurrentAttempt} AND r.outcome <> 0 THEN now() ELSE d.finished_at END,
            last_status_code = CASE WHEN {CurrentAttempt} THEN r.status_code ELSE d.last_status_code END,
            last_error = CASE WHEN {CurrentAttempt} THEN r.error ELSE d.last_error END
        FROM (
            SELECT u.*, jsonb_build_object('attempt', u.attempt, 'at', u.at, 'statusCode', u.status_code, 'error', u.error,
                'durationMs', u.duration_ms, 'responseExcerpt', u.excerpt) AS entry
            FROM unnest($1::bigint[], $2::integer[], $3::smallint[], $4::interval[], $5::integer[], $6::text[], $7::float8[], $8::text[], $9::timestamptz[])
                AS u(id, attempt, outcome, wait, status_code, error, duration_ms, excerpt, at)) r
        WHERE d.id = r.id
        """;

    /// <param name="skip">Subscriptions this silo has as many attempts out for as it allows.</param>
    public static async Task<List<ClaimedDelivery>> ClaimAsync(
        NpgsqlDataSource dataSource, int count, WebhookOptions options, string[] skip, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ClaimSql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.MaxAttempts });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.ClaimLease });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = skip });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var claimed = new List<ClaimedDelivery>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var refersToMessage = reader.GetBoolean(10);
            var message = refersToMessage && !reader.IsDBNull(11)
                ? new ChatMessage(reader.GetString(11), reader.GetInt64(12), (MessageKind)reader.GetInt16(13), reader.GetString(14),
                    (ParticipantRole)reader.GetInt16(15), reader.GetString(16), reader.GetString(17), reader.GetFieldValue<DateTimeOffset>(18), null,
                    AttachmentJson.Read(reader, 19))
                : null;
            claimed.Add(new ClaimedDelivery(
                reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetString(9), message));
        }
        return claimed;
    }

    /// <summary>Records a batch of results in one statement.</summary>
    public static async Task RecordAsync(NpgsqlDataSource dataSource, IReadOnlyList<AttemptResult> results, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(RecordSql);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. results.Select(r => r.Id)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. results.Select(r => r.Attempt)] });
        command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. results.Select(r => (short)r.Outcome)] });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan[]> { TypedValue = [.. results.Select(r => r.Wait)] });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = results.Select(r => r.StatusCode).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. results.Select(r => r.Error)] });
        command.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = [.. results.Select(r => r.DurationMs)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. results.Select(r => r.Excerpt)] });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. results.Select(r => r.At.UtcDateTime)] });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
