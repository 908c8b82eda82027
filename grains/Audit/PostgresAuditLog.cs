using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Engagement.Audit;

/// <summary>The audit log in PostgreSQL (engagement.audit_log, grains/Storage/Sql/015-audit-log.sql).</summary>
public sealed class PostgresAuditLog(NpgsqlDataSource dataSource, TimeProvider clock) : IAuditLog
{
    private const string InsertSql = """
        INSERT INTO engagement.audit_log (at, actor_id, actor_role, action, target_kind, target_id, summary)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """;

    /// <inheritdoc />
    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(InsertSql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        p.Add(new NpgsqlParameter<string> { TypedValue = record.ActorId });
        p.Add(new NpgsqlParameter<string> { TypedValue = record.ActorRole });
        p.Add(new NpgsqlParameter<string> { TypedValue = record.Action });
        p.Add(new NpgsqlParameter<string> { TypedValue = record.TargetKind });
        p.Add(new NpgsqlParameter { Value = (object?)record.TargetId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter { Value = record.Summary.ToJsonString(), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand();
        string Arg<T>(T value)
        {
            command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
            return "$" + command.Parameters.Count;
        }
        var where = new List<string> { "true" };
        if (query.From is { } from) where.Add($"at >= {Arg(from)}");
        if (query.To is { } to) where.Add($"at < {Arg(to)}");
        if (query.ActorId is { } actor) where.Add($"actor_id = {Arg(actor)}");
        if (query.Action is { } action)
            where.Add(action.EndsWith('.') ? $"action LIKE {Arg(EscapeLike(action) + "%")}" : $"action = {Arg(action)}");
        if (query.Before is { } before) where.Add($"id < {Arg(before)}");
        // One more than asked: whether a next page exists.
        command.CommandText = $"""
            SELECT id, at, actor_id, actor_role, action, target_kind, target_id, summary::text
            FROM engagement.audit_log
            WHERE {string.Join(" AND ", where)}
            ORDER BY id DESC
            LIMIT {Arg(query.Limit + 1)}
            """;
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            entries.Add(new AuditEntry(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                JsonNode.Parse(reader.GetString(7)) as JsonObject ?? []));
        var more = entries.Count > query.Limit;
        if (more) entries.RemoveAt(entries.Count - 1);
        return new AuditPage([.. entries], more ? entries[^1].Id : null);
    }

    /// <summary>The prefix taken literally by LIKE (backslash is its escape character).</summary>
    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
