using Engagement.Storage;
using System.Data;
using Npgsql;

namespace Engagement.Conversations;

/// <summary>
/// Full-text search over every transcript with PostgreSQL's own text search ('simple' configuration), newest first,
/// joined to the conversation each transcript belongs to for the inbox's filters and the caller's visibility. Only text
/// messages are searched (not system events). "The newest 50 matches" must not cost what every match costs (a common
/// word is in most messages), so it reads from the newest back in steps, in one snapshot, until the page is full
/// (docs/benchmarks.md, "Search over 1,000,000 stored messages"):
/// <list type="number">
/// <item>the newest <see cref="RecentMessages"/> text messages, each tested: a common word or phrase fills its page here;</item>
/// <item>if that found some, too few, but at that rate the page would fill within half of <see cref="FurtherMessages"/>
/// more: twice that many more, each tested;</item>
/// <item>the older ones through the word index (grains/Storage/Sql/013-search-newest-first.sql), one slice of time after
/// another, newest first, each 4 times as long as the one before: in each, every match is read and the newest kept, so
/// a phrase of common words (whose every message with all its words is read to test their order) stops at the slice
/// that fills its page.</item>
/// </list>
/// Each step starts at the time of the last message the one before read (several messages may share it), and drops
/// what an earlier step found.
/// </summary>
public sealed class ConversationSearch(NpgsqlDataSource dataSource) : IConversationSearch
{
    /// <summary>How many of the newest text messages step 1 tests: a few milliseconds; it fills a page of 50 when 1 in 40 match.</summary>
    internal const int RecentMessages = 2000;

    /// <summary>The most messages step 2 tests: a few tens of milliseconds.</summary>
    internal const int FurtherMessages = 20_000;

    private const string MessageColumns = "session_id, seq, kind, sender_id, sender_role, sender_name, text, at, client_message_id, attachments";

    private const string Joins = """
        JOIN engagement.conversation_thread t ON t.thread_id = m.session_id
        JOIN engagement.conversation c ON c.conversation_id = t.conversation_id
        """;

    private static readonly string ConversationColumns = string.Join(", ", ConversationIndex.Columns.Split(", ").Select(c => "c." + c));

    public async Task<SearchHit[]> SearchAsync(SearchQuery q, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        // The joins read a few thousand rows by key, from memory; at the default cost of a random read (4, a spinning
        // disk's) the planner would rather read all of conversation_thread to hash it.
        await using (var cost = new NpgsqlCommand("SET LOCAL random_page_cost = 1.1", connection, transaction))
            await cost.ExecuteNonQueryAsync(cancellationToken);
        var hits = new List<SearchHit>();
        var found = new HashSet<(string, long)>();
        async Task AddAsync(NpgsqlCommand command)
        {
            foreach (var hit in await ReadAsync(command, cancellationToken))
                if (hits.Count < q.Limit && found.Add((hit.Message.SessionId, hit.Message.Seq))) hits.Add(hit);
        }

        await AddAsync(Walk(connection, q, null, RecentMessages));
        var edge = await EdgeAsync(connection, q, null, RecentMessages, cancellationToken);
        if (edge is not null && hits.Count > 0 && hits.Count < q.Limit
            && (long)RecentMessages * (q.Limit - hits.Count) / hits.Count is var more && more <= FurtherMessages / 2)
        {
            await AddAsync(Walk(connection, q, edge, 2 * (int)more));
            edge = await EdgeAsync(connection, q, edge, 2 * (int)more, cancellationToken);
        }
        if (edge is { } hi && hits.Count < q.Limit)
        {
            // A phrase goes in slices of time, each 4 times as long as the one before, the first 4 times as long as the
            // tested messages took to write; the last reaches the oldest message. Words need none: every message the
            // index finds for them is a match, while for a phrase it is a candidate to read and test.
            var (newest, oldest, phrase) = await BoundsAsync(connection, q, cancellationToken);
            var length = 4 * Max(newest - hi, TimeSpan.FromSeconds(1));
            while (hits.Count < q.Limit)
            {
                DateTimeOffset? lo = phrase && hi - oldest > length ? hi - length : null;
                await AddAsync(Indexed(connection, q, hi, lo));
                if (lo is not { } next) break;
                (hi, length) = (next, 4 * length);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return [.. hits];
    }

    /// <summary>The hits among the next <paramref name="rows"/> text messages from <paramref name="edge"/> back (or from the newest), each tested.</summary>
    private static NpgsqlCommand Walk(NpgsqlConnection connection, SearchQuery q, DateTimeOffset? edge, int rows)
    {
        var s = new Sql(connection, q, edge);
        s.Command.CommandText = $"""
            SELECT {s.Output}
              FROM (SELECT {MessageColumns}, text_search FROM engagement.session_message
                     WHERE {s.TextMessages("")} ORDER BY at DESC LIMIT {rows}) m
              {Joins}
             WHERE m.text_search @@ {s.Query}{s.Filters}
             ORDER BY m.at DESC
             LIMIT {s.Limit}
            """;
        return s.Command;
    }

    /// <summary>
    /// The hits among the text messages after <paramref name="after"/> (or any) until <paramref name="edge"/>, through the
    /// word index: each found, then the newest kept. The order is by an expression of the time, not the column, so that
    /// the planner cannot walk the time index instead: it counts a phrase as common as its words, but what is left to find
    /// here is rare, and walking is what the steps before did.
    /// </summary>
    private static NpgsqlCommand Indexed(NpgsqlConnection connection, SearchQuery q, DateTimeOffset edge, DateTimeOffset? after)
    {
        var s = new Sql(connection, q, edge);
        var slice = after is { } a ? $" AND m.at > {InboxFilterSql.Arg(s.Command, a)}" : "";
        s.Command.CommandText = $"""
            SELECT {s.Output}
              FROM engagement.session_message m
              {Joins}
             WHERE m.text_search @@ {s.Query} AND {s.TextMessages("m.")}{slice}{s.Filters}
             ORDER BY m.at + interval '0 s' DESC
             LIMIT {s.Limit}
            """;
        return s.Command;
    }

    /// <summary>The time of the <paramref name="rows"/>-th text message from <paramref name="edge"/> back (or from the newest); null when there are fewer.</summary>
    private static async Task<DateTimeOffset?> EdgeAsync(NpgsqlConnection connection, SearchQuery q, DateTimeOffset? edge, int rows, CancellationToken cancellationToken)
    {
        var s = new Sql(connection, q, edge);
        await using var command = s.Command;
        command.CommandText = $"SELECT at FROM engagement.session_message WHERE {s.TextMessages("")} ORDER BY at DESC OFFSET {rows - 1} LIMIT 1";
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    /// <summary>The times of the newest and the oldest text message in the time window, and whether the query holds a phrase.</summary>
    private static async Task<(DateTimeOffset Newest, DateTimeOffset Oldest, bool Phrase)> BoundsAsync(NpgsqlConnection connection, SearchQuery q, CancellationToken cancellationToken)
    {
        var s = new Sql(connection, q, null);
        await using var command = s.Command;
        command.CommandText = $"""
            SELECT (SELECT at FROM engagement.session_message WHERE {s.TextMessages("")} ORDER BY at DESC LIMIT 1),
                   (SELECT at FROM engagement.session_message WHERE {s.TextMessages("")} ORDER BY at LIMIT 1),
                   strpos(querytree({s.Query}), '<') > 0
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetBoolean(2));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>One statement's parameters (positional) and the SQL pieces that use them.</summary>
    private sealed class Sql
    {
        private readonly string? from, to;

        public Sql(NpgsqlConnection connection, SearchQuery q, DateTimeOffset? edge)
        {
            Command = connection.CreateCommand();
            Query = $"websearch_to_tsquery('simple', {Arg(q.Text)})";
            from = q.From is { } f ? Arg(f) : null;
            to = q.To is { } t ? Arg(t) : null;
            Edge = edge is { } e ? Arg(e) : null;
            Filters = string.Concat(InboxFilterSql.Conditions(q.Filter, Command, "c").Select(c => " AND " + c));
            Limit = Arg(q.Limit);
            Output = $"""
                m.session_id, m.seq, m.kind, m.sender_id, m.sender_role, m.sender_name, m.text, m.at, m.client_message_id, m.attachments::text,
                       ts_headline('simple', m.text, {Query}, 'StartSel=«, StopSel=», MaxWords=24, MinWords=8, MaxFragments=1'), {ConversationColumns}
                """;
        }

        public NpgsqlCommand Command { get; }
        public string Query { get; }
        public string? Edge { get; }
        public string Filters { get; }
        public string Limit { get; }
        public string Output { get; }

        /// <summary>Text messages in the time window, from the edge back; <paramref name="m"/> is the table's alias and a dot, or "".</summary>
        public string TextMessages(string m) => $"{m}kind = 0" + (from is null ? "" : $" AND {m}at >= {from}") + (to is null ? "" : $" AND {m}at < {to}")
            + (Edge is null ? "" : $" AND {m}at <= {Edge}");

        private string Arg<T>(T value) => InboxFilterSql.Arg(Command, value);
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
                    reader.IsDBNull(8) ? null : reader.GetString(8), AttachmentJson.Read(reader, 9));
                hits.Add(new SearchHit(message, reader.GetString(10), ConversationIndex.Read(reader, 11)));
            }
            return hits;
        }
    }
}
