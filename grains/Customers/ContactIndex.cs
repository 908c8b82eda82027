using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Engagement.Customers;

/// <summary>A customer as the contacts projection holds it (one row of engagement.contact).</summary>
/// <param name="Version">The customer's count of state writes: a row is replaced only by a newer one.</param>
public sealed record ContactRow(
    string ContactId, bool IsKnown, string? Name, string? Email, IReadOnlyDictionary<string, string> Attributes,
    string? MergedInto, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long Version);

/// <summary>
/// The contacts view's projection in PostgreSQL (engagement.contact, grains/Storage/Sql/011-contacts.sql): the customer
/// grains upsert their row after each change; the contacts list reads it, with conversation counts from the inbox's
/// index (engagement.conversation).
/// </summary>
public sealed class ContactIndex(NpgsqlDataSource dataSource) : IContactLists
{
    private const string UpsertSql = """
        INSERT INTO engagement.contact (contact_id, is_known, name, email, attributes, merged_into, first_seen, last_seen, version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (contact_id) DO UPDATE SET
            is_known = EXCLUDED.is_known, name = EXCLUDED.name, email = EXCLUDED.email, attributes = EXCLUDED.attributes,
            merged_into = EXCLUDED.merged_into, first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen, version = EXCLUDED.version
        WHERE engagement.contact.version < EXCLUDED.version
        """;

    /// <summary>Stores the row unless a newer one is already there.</summary>
    public async Task UpsertAsync(ContactRow row, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(UpsertSql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string> { TypedValue = row.ContactId });
        p.Add(new NpgsqlParameter<bool> { TypedValue = row.IsKnown });
        p.Add(Text(row.Name));
        p.Add(Text(row.Email));
        p.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(row.Attributes), NpgsqlDbType = NpgsqlDbType.Jsonb });
        p.Add(Text(row.MergedInto));
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.FirstSeen });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.LastSeen });
        p.Add(new NpgsqlParameter<long> { TypedValue = row.Version });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ContactSummary[]> ListAsync(ContactQuery q, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand();
        string Arg<T>(T value)
        {
            command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
            return "$" + command.Parameters.Count;
        }
        // An agent counts only the conversations the inbox shows them.
        var visible = q.VisibleQueues is null ? "" : $" AND (c.queue_id = ANY({Arg(q.VisibleQueues)}) OR c.assignee_id = {Arg(q.Viewer ?? "")})";
        var where = new List<string> { "k.merged_into IS NULL" };
        if (q.Text is { } text)
        {
            var pattern = Arg("%" + EscapeLike(text) + "%");
            where.Add($"(k.contact_id ILIKE {pattern} OR k.name ILIKE {pattern} OR k.email ILIKE {pattern})");
        }
        if (q.Before is { } before) where.Add($"k.last_seen < {Arg(before)}");
        command.CommandText = $"""
            SELECT k.contact_id, k.is_known, k.name, k.email, k.attributes::text, k.first_seen, k.last_seen,
                   count(c.conversation_id)::int, max(c.last_activity_at)
            FROM engagement.contact k
            LEFT JOIN engagement.conversation c ON c.contact_id = k.contact_id{visible}
            WHERE {string.Join(" AND ", where)}
            GROUP BY k.contact_id
            ORDER BY k.last_seen DESC
            LIMIT {Arg(q.Limit)}
            """;
        var contacts = new List<ContactSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            contacts.Add(new ContactSummary(
                reader.GetString(0), reader.GetBoolean(1), TextOrNull(reader, 2), TextOrNull(reader, 3),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(4)) ?? [],
                reader.GetInt32(7), reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)));
        return [.. contacts];
    }

    /// <summary>The text as a LIKE pattern matches it literally (backslash is PostgreSQL's default escape).</summary>
    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static string? TextOrNull(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
