using Npgsql;
using NpgsqlTypes;

namespace Engagement.Conversations;

/// <summary>
/// The shared inbox's index in PostgreSQL (engagement.conversation, grains/Storage/Sql/007-conversations.sql): the
/// conversation grains upsert their view after each change; the inbox lists and counts read it.
/// </summary>
public sealed class ConversationIndex(NpgsqlDataSource dataSource) : IConversationLists
{
    internal const string Columns = "conversation_id, contact_id, queue_id, channel, subject, status, snoozed_until, assignee_id, labels, " +
        "created_at, last_activity_at, preview, session_ids, live_session_id, contact_name, contact_email, awaiting_reply, last_seq, version, api_channel_id";

    // The transcripts (its own, and each chat's) are mapped to the conversation for search, in the same statement.
    private const string UpsertSql = $"""
        WITH threads AS (
            INSERT INTO engagement.conversation_thread (thread_id, conversation_id)
            SELECT t, $1 FROM unnest(array_append($13::text[], $1)) AS t
            ON CONFLICT (thread_id) DO NOTHING)
        INSERT INTO engagement.conversation ({Columns})
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
        ON CONFLICT (conversation_id) DO UPDATE SET
            contact_id = EXCLUDED.contact_id, queue_id = EXCLUDED.queue_id, channel = EXCLUDED.channel, subject = EXCLUDED.subject,
            status = EXCLUDED.status, snoozed_until = EXCLUDED.snoozed_until, assignee_id = EXCLUDED.assignee_id, labels = EXCLUDED.labels,
            created_at = EXCLUDED.created_at, last_activity_at = EXCLUDED.last_activity_at, preview = EXCLUDED.preview,
            session_ids = EXCLUDED.session_ids, live_session_id = EXCLUDED.live_session_id, contact_name = EXCLUDED.contact_name,
            contact_email = EXCLUDED.contact_email, awaiting_reply = EXCLUDED.awaiting_reply, last_seq = EXCLUDED.last_seq,
            version = EXCLUDED.version, api_channel_id = EXCLUDED.api_channel_id
        WHERE engagement.conversation.version < EXCLUDED.version
        """;

    /// <summary>Stores the view unless a newer one is already there.</summary>
    public async Task UpsertAsync(ConversationView v, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(UpsertSql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string> { TypedValue = v.ConversationId });
        p.Add(new NpgsqlParameter<string> { TypedValue = v.ContactId });
        p.Add(new NpgsqlParameter<string> { TypedValue = v.QueueId });
        p.Add(new NpgsqlParameter<string> { TypedValue = v.Channel });
        p.Add(Text(v.Subject));
        p.Add(new NpgsqlParameter<short> { TypedValue = (short)v.Status });
        p.Add(new NpgsqlParameter { Value = (object?)v.SnoozedUntil ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(Text(v.AssigneeId));
        p.Add(new NpgsqlParameter<string[]> { TypedValue = v.Labels });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = v.CreatedAt });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = v.LastActivityAt });
        p.Add(Text(v.Preview));
        p.Add(new NpgsqlParameter<string[]> { TypedValue = v.SessionIds });
        p.Add(Text(v.LiveSessionId));
        p.Add(Text(v.ContactName));
        p.Add(Text(v.ContactEmail));
        p.Add(new NpgsqlParameter<bool> { TypedValue = v.AwaitingReply });
        p.Add(new NpgsqlParameter<long> { TypedValue = v.LastSeq });
        p.Add(new NpgsqlParameter<long> { TypedValue = v.Version });
        p.Add(Text(v.ApiChannelId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ConversationView[]> ListAsync(InboxQuery q, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand();
        var where = InboxFilterSql.Conditions(q.Filter, command, "c");
        if (q.Before is { } before) where.Add($"c.last_activity_at < {InboxFilterSql.Arg(command, before)}");
        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        command.CommandText = $"SELECT {Columns} FROM engagement.conversation c {filter} ORDER BY c.last_activity_at DESC LIMIT {InboxFilterSql.Arg(command, q.Limit)}";
        var views = new List<ConversationView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) views.Add(Read(reader));
        return [.. views];
    }

    /// <summary>Resolved conversations of a queue idle since before <paramref name="before"/> (retention), oldest first.</summary>
    public async Task<string[]> ResolvedBeforeAsync(string queueId, DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT conversation_id FROM engagement.conversation WHERE queue_id = $1 AND status = 3 AND last_activity_at < $2 ORDER BY last_activity_at LIMIT $3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = queueId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
        return [.. ids];
    }

    /// <summary>The unresolved conversations counted by queue, status, channel and assignee, and open ones by queue and label.</summary>
    public async Task<(InboxCount[] Counts, InboxLabelCount[] Labels)> CountAsync(CancellationToken cancellationToken = default)
    {
        var counts = new List<InboxCount>();
        await using (var command = dataSource.CreateCommand(
            "SELECT queue_id, status, channel, assignee_id, count(*)::int FROM engagement.conversation WHERE status <> 3 GROUP BY 1, 2, 3, 4"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                counts.Add(new InboxCount(reader.GetString(0), (ConversationStatus)reader.GetInt16(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4)));
        var labels = new List<InboxLabelCount>();
        await using (var command = dataSource.CreateCommand(
            "SELECT queue_id, label, count(*)::int FROM engagement.conversation, unnest(labels) AS label WHERE status = 0 GROUP BY 1, 2"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                labels.Add(new InboxLabelCount(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        return ([.. counts], [.. labels]);
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static string? TextOrNull(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static ConversationView Read(NpgsqlDataReader r) => Read(r, 0);

    /// <summary>A view from the <see cref="Columns"/> starting at column <paramref name="o"/>.</summary>
    internal static ConversationView Read(NpgsqlDataReader r, int o) => new(
        r.GetString(o), r.GetString(o + 1), r.GetString(o + 2), r.GetString(o + 3), TextOrNull(r, o + 4), (ConversationStatus)r.GetInt16(o + 5),
        r.IsDBNull(o + 6) ? null : r.GetFieldValue<DateTimeOffset>(o + 6), TextOrNull(r, o + 7), r.GetFieldValue<string[]>(o + 8),
        r.GetFieldValue<DateTimeOffset>(o + 9), r.GetFieldValue<DateTimeOffset>(o + 10), TextOrNull(r, o + 11), r.GetFieldValue<string[]>(o + 12),
        TextOrNull(r, o + 13), TextOrNull(r, o + 14), TextOrNull(r, o + 15), r.GetBoolean(o + 16), r.GetInt64(o + 17), r.GetInt64(o + 18), TextOrNull(r, o + 19));
}
