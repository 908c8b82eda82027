using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Engagement.LoadTests.Conversations;

/// <summary>
/// The stored messages the search benchmark searches, written straight into the silo's tables with COPY (through the
/// product it would take hours): conversations of several queues (<c>engagement.conversation</c> rows), each
/// with its own transcript and, for half of them, a live chat, both mapped in <c>engagement.conversation_thread</c>, and
/// their text messages in <c>engagement.session_message</c>. The message table's indexes but its key (the search's) are
/// dropped during the COPY and rebuilt from their own definitions afterwards (much faster than growing them row by row),
/// then ANALYZE. What was
/// generated is recorded in <c>public.bench_search_generated</c>, so a later run with the same size reuses it.
/// </summary>
internal sealed class SearchData(string connectionString, ZipfWords words, TextWriter log)
{
    public const int Seed = 20261204;
    public const int MessagesPerConversation = 4;

    /// <summary>The queues the generated conversations belong to.</summary>
    public static readonly string[] Queues = ["search-sales", "search-support", "search-billing", "search-returns", "search-vip", "search-partners"];

    /// <summary>True when data of this size is already there (a previous run generated it).</summary>
    public async Task<bool> PresentAsync(long messages, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT messages FROM public.bench_search_generated WHERE to_regclass('public.bench_search_generated') IS NOT NULL", connection);
        try
        {
            return await command.ExecuteScalarAsync(ct) is long stored && stored == messages;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return false;
        }
    }

    /// <summary>Replaces every conversation, thread and message with <paramref name="messages"/> generated ones.</summary>
    public async Task GenerateAsync(long messages, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await ExecuteAsync(connection, "DROP TABLE IF EXISTS public.bench_search_generated", ct);
        await ExecuteAsync(connection, "TRUNCATE engagement.session_message, engagement.conversation, engagement.conversation_thread", ct);
        var indexes = await SecondaryIndexesAsync(connection, ct);
        foreach (var (name, _) in indexes) await ExecuteAsync(connection, $"DROP INDEX engagement.\"{name}\"", ct);

        var random = new Random(Seed);
        var now = DateTimeOffset.UtcNow;
        var count = (int)((messages + MessagesPerConversation - 1) / MessagesPerConversation);
        var conversations = Enumerable.Range(0, count).Select(i => GeneratedConversation.Make(i, random, now)).ToList();
        log.WriteLine($"search: generating {messages:N0} messages in {conversations.Count:N0} conversations of {Queues.Length} queues");

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY engagement.session_message (session_id, seq, kind, sender_id, sender_role, sender_name, text, at) FROM STDIN (FORMAT BINARY)", ct))
        {
            long n = 0;
            foreach (var c in conversations)
            {
                var seqs = new Dictionary<string, long>();
                for (var j = 0; j < MessagesPerConversation && n < messages; j++, n++)
                {
                    var thread = c.SessionId is { } session && j % 2 == 1 ? session : c.Id;
                    var seq = seqs[thread] = seqs.GetValueOrDefault(thread) + 1;
                    var visitor = j % 2 == 0;
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(thread, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(seq, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync((short)0, NpgsqlDbType.Smallint, ct);
                    await copy.WriteAsync(visitor ? c.ContactId : "search-agent", NpgsqlDbType.Text, ct);
                    await copy.WriteAsync((short)(visitor ? 0 : 1), NpgsqlDbType.Smallint, ct);
                    await copy.WriteAsync(visitor ? c.ContactName : "Search Agent", NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(words.Sentence(random, random.Next(4, 21)), NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(c.CreatedAt.AddMinutes(j * 3), NpgsqlDbType.TimestampTz, ct);
                }
                if (n >= messages) break;
            }
            await copy.CompleteAsync(ct);
        }
        log.WriteLine("search: messages written; conversations and threads next");

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY engagement.conversation (conversation_id, contact_id, queue_id, channel, subject, status, snoozed_until, created_at, " +
            "last_activity_at, preview, contact_name, awaiting_reply, session_ids, last_seq, version) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var c in conversations)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(c.Id, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(c.ContactId, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(c.Queue, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(c.Channel, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(c.Channel == "email" ? "Question " + c.Index.ToString(CultureInfo.InvariantCulture) : null, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(c.Status, NpgsqlDbType.Smallint, ct);
                await copy.WriteAsync(c.Status == 2 ? now.AddDays(2) : (DateTimeOffset?)null, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(c.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(c.CreatedAt.AddMinutes(MessagesPerConversation * 3), NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync("…", NpgsqlDbType.Text, ct);
                await copy.WriteAsync(c.ContactName, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(c.Status == 0, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(c.SessionId is { } s ? new[] { s } : [], NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await copy.WriteAsync((long)MessagesPerConversation, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(1L, NpgsqlDbType.Bigint, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY engagement.conversation_thread (thread_id, conversation_id) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var c in conversations)
            {
                foreach (var thread in c.SessionId is { } s ? new[] { c.Id, s } : [c.Id])
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(thread, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(c.Id, NpgsqlDbType.Text, ct);
                }
            }
            await copy.CompleteAsync(ct);
        }
        foreach (var (name, definition) in indexes)
        {
            log.WriteLine($"search: rebuilding {name}");
            await ExecuteAsync(connection, "SET maintenance_work_mem = '256MB'", ct);
            await ExecuteAsync(connection, definition, ct);
        }
        log.WriteLine("search: ANALYZE");
        await ExecuteAsync(connection, "ANALYZE engagement.session_message, engagement.conversation, engagement.conversation_thread", ct);
        await ExecuteAsync(connection, "CREATE TABLE public.bench_search_generated (messages bigint NOT NULL, conversations bigint NOT NULL, generated_at timestamptz NOT NULL DEFAULT now())", ct);
        await using var record = new NpgsqlCommand("INSERT INTO public.bench_search_generated (messages, conversations) VALUES ($1, $2)", connection);
        record.Parameters.Add(new NpgsqlParameter<long> { TypedValue = messages });
        record.Parameters.Add(new NpgsqlParameter<long> { TypedValue = conversations.Count });
        await record.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The indexes on the messages but the primary key, with the statement that makes each (the silo's migrations wrote them).</summary>
    private static async Task<List<(string Name, string Definition)>> SecondaryIndexesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid " +
            "WHERE i.indrelid = 'engagement.session_message'::regclass AND NOT i.indisprimary ORDER BY c.relname", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var indexes = new List<(string, string)>();
        while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        return indexes;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>One generated conversation: queue and status drawn with skewed shares, created within the last year.</summary>
internal sealed record GeneratedConversation(int Index, string Id, string ContactId, string ContactName, string? SessionId, string Queue, string Channel, short Status, DateTimeOffset CreatedAt)
{
    public static GeneratedConversation Make(int index, Random random, DateTimeOffset now)
    {
        var key = index.ToString("x7", CultureInfo.InvariantCulture);
        // Queues: the first two take most; statuses: mostly resolved, a fifth open.
        var queue = SearchData.Queues[Math.Min(SearchData.Queues.Length - 1, (int)(-Math.Log(1 - random.NextDouble()) * 1.5))];
        var roll = random.NextDouble();
        short status = roll < 0.2 ? (short)0 : roll < 0.3 ? (short)1 : roll < 0.35 ? (short)2 : (short)3;
        return new GeneratedConversation(index, "c_sb" + key, "v_sb" + key, "Customer " + key, random.Next(2) == 0 ? "s_sb" + key : null,
            queue, random.Next(5) == 0 ? "email" : "web", status, now.AddMinutes(-random.Next(0, 365 * 24 * 60)));
    }
}
