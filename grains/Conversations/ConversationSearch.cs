using System.Data;
using Npgsql;

namespace Engagement.Conversations;

/// <summary>
/// Full-text search over every transcript with PostgreSQL's own text search ('simple' configuration), newest first,
/// joined to the conversation each transcript belongs to for the inbox's filters and the caller's visibility. Only text
/// messages are searched (not system events). "The newest 50 matches" must not cost what every match costs (a common
/// word is in most messages), so it runs in two steps, in one snapshot (docs/benchmarks.md, "Search over 1,000,000
/// stored messages"):
/// <list type="number">
/// <item>the newest <see cref="RecentMessages"/> text messages, newest first, each tested: a page of a common word or
/// phrase fills here, however many older messages hold it;</item>
/// <item>only when the page is not full, the older ones through the RUM index (grains/Storage/Sql/013-search-rum.sql),
/// which keeps each message's time beside its words: the candidates are put in time order inside the index, and the
/// table is read only until the page is full.</item>
/// </list>
/// </summary>
public sealed class ConversationSearch(NpgsqlDataSource dataSource) : IConversationSearch
{
    /// <summary>How many of the newest text messages step 1 tests: about 10 ms; a page of 50 fills there when 1 message in 100 matches.</summary>
    internal const int RecentMessages = 5000;

    private const string MessageColumns = "session_id, seq, kind, sender_id, sender_role, sender_name, text, at, client_message_id";

    private const string Joins = """
        JOIN engagement.conversation_thread t ON t.thread_id = m.session_id
        JOIN engagement.conversation c ON c.conversation_id = t.conversation_id
        """;

    private static readonly string ConversationColumns = string.Join(", ", ConversationIndex.Columns.Split(", ").Select(c => "c." + c));

    public async Task<SearchHit[]> SearchAsync(SearchQuery q, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot: step 2 starts at the message where step 1 ended, even if messages are erased in between.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var hits = await ReadAsync(Command(connection, q, recent: true), cancellationToken);
        if (hits.Count < q.Limit)
        {
            // Step 2 starts at step 1's oldest message, inclusive (several may share its time): drop what step 1 found.
            var found = hits.Select(h => (h.Message.SessionId, h.Message.Seq)).ToHashSet();
            var older = await ReadAsync(Command(connection, q, recent: false), cancellationToken);
            hits.AddRange(older.Where(h => !found.Contains((h.Message.SessionId, h.Message.Seq))).Take(q.Limit - hits.Count));
        }
        await transaction.CommitAsync(cancellationToken);
        return [.. hits];
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, SearchQuery q, bool recent)
    {
        var command = connection.CreateCommand();
        string Arg<T>(T value) => InboxFilterSql.Arg(command, value);
        var query = $"websearch_to_tsquery('simple', {Arg(q.Text)})";
        var from = q.From is { } f ? Arg(f) : null;
        var to = q.To is { } t ? Arg(t) : null;
        string TextMessages(string m) => $"{m}kind = 0" + (from is null ? "" : $" AND {m}at >= {from}") + (to is null ? "" : $" AND {m}at < {to}");
        var filters = string.Concat(InboxFilterSql.Conditions(q.Filter, command, "c").Select(c => " AND " + c));
        var output = $"""
            m.session_id, m.seq, m.kind, m.sender_id, m.sender_role, m.sender_name, m.text, m.at, m.client_message_id,
            ts_headline('simple', m.text, {query}, 'StartSel=«, StopSel=», MaxWords=24, MinWords=8, MaxFragments=1'), {ConversationColumns}
            """;
        command.CommandText = recent
            ? $"""
                SELECT {output}
                  FROM (SELECT {MessageColumns}, text_search FROM engagement.session_message
                         WHERE {TextMessages("")} ORDER BY at DESC LIMIT {RecentMessages}) m
                  {Joins}
                 WHERE m.text_search @@ {query}{filters}
                 ORDER BY m.at DESC
                 LIMIT {Arg(q.Limit)}
                """
            // The index is searched for every word of the query (querytree drops the excluded ones; a phrase's words
            // become "and"), which RUM answers by skipping through its lists; the query itself, phrases and exclusions,
            // is then tested on each candidate (ts_match_vq is @@, written as a function so that it is not a second
            // index condition: a phrase there makes RUM read every entry of its words). Candidates come out of the
            // index ordered by their distance to the edge (at <=| edge: older is farther), i.e. newest first.
            : $"""
                WITH edge AS (SELECT at FROM engagement.session_message WHERE {TextMessages("")}
                               ORDER BY at DESC OFFSET {RecentMessages - 1} LIMIT 1)
                SELECT {output}
                  FROM engagement.session_message m
                  {Joins}
                 WHERE m.text_search @@ (CASE WHEN querytree({query}) = 'T' THEN {query}
                                              ELSE regexp_replace(querytree({query}), ' <(-|[0-9]+)> ', ' & ', 'g')::tsquery END)
                   AND ts_match_vq(m.text_search, {query}) AND {TextMessages("m.")}{filters}
                   AND m.at <= (SELECT at FROM edge)
                 ORDER BY m.at <=| (SELECT at FROM edge)
                 LIMIT {Arg(q.Limit)}
                """;
        return command;
    }

    private static async Task<List<SearchHit>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            var hits = new List<SearchHit>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var message = new ChatMessage(reader.GetString(0), reader.GetInt64(1), (MessageKind)reader.GetInt16(2), reader.GetString(3),
                    (ParticipantRole)reader.GetInt16(4), reader.GetString(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8));
                hits.Add(new SearchHit(message, reader.GetString(9), ConversationIndex.Read(reader, 10)));
            }
            return hits;
        }
    }
}
