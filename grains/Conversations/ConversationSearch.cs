using Npgsql;

namespace Engagement.Conversations;

/// <summary>
/// Full-text search over every transcript with PostgreSQL's own text search (a GIN index on the message text, 'simple'
/// configuration), joined to the conversation each transcript belongs to for the inbox's filters and the caller's
/// visibility. Only text messages are searched (not system events).
/// </summary>
public sealed class ConversationSearch(NpgsqlDataSource dataSource) : IConversationSearch
{
    private static readonly string ConversationColumns = string.Join(", ", ConversationIndex.Columns.Split(", ").Select(c => "c." + c));

    public async Task<SearchHit[]> SearchAsync(SearchQuery q, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand();
        string Arg<T>(T value) => InboxFilterSql.Arg(command, value);
        var query = $"websearch_to_tsquery('simple', {Arg(q.Text)})";
        var where = new List<string> { $"to_tsvector('simple', m.text) @@ {query}", "m.kind = 0" };
        where.AddRange(InboxFilterSql.Conditions(q.Filter, command, "c"));
        if (q.From is { } from) where.Add($"m.at >= {Arg(from)}");
        if (q.To is { } to) where.Add($"m.at < {Arg(to)}");
        command.CommandText = $"""
            SELECT m.session_id, m.seq, m.kind, m.sender_id, m.sender_role, m.sender_name, m.text, m.at, m.client_message_id,
                   ts_headline('simple', m.text, {query}, 'StartSel=«, StopSel=», MaxWords=24, MinWords=8, MaxFragments=1'),
                   {ConversationColumns}
              FROM engagement.session_message m
              JOIN engagement.conversation_thread t ON t.thread_id = m.session_id
              JOIN engagement.conversation c ON c.conversation_id = t.conversation_id
             WHERE {string.Join(" AND ", where)}
             ORDER BY m.at DESC
             LIMIT {Arg(q.Limit)}
            """;
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var message = new ChatMessage(reader.GetString(0), reader.GetInt64(1), (MessageKind)reader.GetInt16(2), reader.GetString(3),
                (ParticipantRole)reader.GetInt16(4), reader.GetString(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetString(8));
            hits.Add(new SearchHit(message, reader.GetString(9), ConversationIndex.Read(reader, 10)));
        }
        return [.. hits];
    }
}
