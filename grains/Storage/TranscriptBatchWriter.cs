using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;

namespace Engagement.Storage;

/// <summary>
/// Writes one batch of appends in one statement (one round trip, one commit) and completes each append.
/// A duplicate (session, seq) fails only the appends it concerns: within a batch it is caught before
/// sending; against stored rows the batch is retried once with ON CONFLICT DO NOTHING to learn which
/// rows were new. Any other error fails every append of the batch with that error.
/// With a <see cref="MembershipFence"/>, the statement inserts only while this silo's membership row is live;
/// a fenced-out batch fails every append with <see cref="SiloFencedOutException"/>.
/// </summary>
internal sealed class TranscriptBatchWriter(NpgsqlDataSource dataSource, TranscriptWriteMethod method, MembershipFence? fence = null)
{
    private const string Columns = "session_id, seq, kind, sender_id, sender_role, sender_name, text, at, client_message_id";

    private const string UnnestInsert =
        $"INSERT INTO engagement.session_message ({Columns}) " +
        "SELECT * FROM unnest($1::text[], $2::bigint[], $3::smallint[], $4::text[], $5::smallint[], $6::text[], $7::text[], $8::timestamptz[], $9::text[])";

    // The fence is an uncorrelated sub-select: PostgreSQL evaluates it once per statement (an InitPlan), before any row.
    private static readonly string FencedUnnestInsert = UnnestInsert + " WHERE " + MembershipFence.Condition(10);

    private readonly ConcurrentBag<TranscriptInsert> idleInserts = [];

    private const string CopyIn = $"COPY engagement.session_message ({Columns}) FROM STDIN (FORMAT BINARY)";

    public async Task WriteAsync(IReadOnlyList<PendingAppend> batch)
    {
        var unique = RejectDuplicatesWithinBatch(batch);
        if (unique.Count == 0) return;
        try
        {
            if (method == TranscriptWriteMethod.Copy) await CopyAsync(unique);
            // A non-empty batch inserts every row or fails, so nothing inserted means the fence said no.
            else if (await InsertAllAsync(unique) == 0 && fence is not null) throw fence.Refusal();
            foreach (var append in unique) append.Succeed();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            var inserted = await InsertNewAsync(unique);
            // Nothing new: every row was a duplicate, or the silo was fenced out since the first attempt.
            if (inserted.Count == 0 && fence is not null && !await IsLiveAsync(fence)) throw fence.Refusal();
            foreach (var append in unique)
            {
                if (inserted.Contains((append.Message.SessionId, append.Message.Seq))) append.Succeed();
                else append.Fail(new DuplicateTranscriptEntryException(append.Message.SessionId, append.Message.Seq));
            }
        }
    }

    private static List<PendingAppend> RejectDuplicatesWithinBatch(IReadOnlyList<PendingAppend> batch)
    {
        var seen = new HashSet<(string, long)>(batch.Count);
        var unique = new List<PendingAppend>(batch.Count);
        foreach (var append in batch)
        {
            if (seen.Add((append.Message.SessionId, append.Message.Seq))) unique.Add(append);
            else append.Fail(new DuplicateTranscriptEntryException(append.Message.SessionId, append.Message.Seq));
        }
        return unique;
    }

    /// <returns>The number of rows inserted: all of them, or none when fenced out.</returns>
    private async Task<int> InsertAllAsync(List<PendingAppend> batch)
    {
        // One statement per batch in flight (up to MaxFlushesInFlight): a batch rents an idle one or builds one.
        var insert = idleInserts.TryTake(out var idle) ? idle : new TranscriptInsert(dataSource, InsertSql(suffix: ""), fence);
        int inserted;
        try
        {
            inserted = await insert.ExecuteNonQueryAsync(batch).ConfigureAwait(false);
        }
        catch
        {
            // Not reused after a failure: whatever state the command was left in goes with it.
            await insert.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        idleInserts.Add(insert);
        return inserted;
    }

    /// <returns>The keys actually inserted (the others were already stored, or the silo is fenced out).</returns>
    private async Task<HashSet<(string, long)>> InsertNewAsync(List<PendingAppend> batch)
    {
        await using var insert = new TranscriptInsert(dataSource, InsertSql(suffix: " ON CONFLICT DO NOTHING RETURNING session_id, seq"), fence);
        var inserted = new HashSet<(string, long)>();
        await using var reader = await insert.ExecuteReaderAsync(batch).ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
            inserted.Add((reader.GetString(0), reader.GetInt64(1)));
        return inserted;
    }

    private string InsertSql(string suffix) => (fence is null ? UnnestInsert : FencedUnnestInsert) + suffix;

    private async Task<bool> IsLiveAsync(MembershipFence membership)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        return await membership.IsLiveAsync(connection).ConfigureAwait(false);
    }

    /// <summary>
    /// COPY cannot carry a condition, so a fenced copy runs in a transaction that first share-locks the live
    /// membership row (or gives up), then copies and commits: the same guarantee, one more round trip.
    /// </summary>
    private async Task CopyAsync(List<PendingAppend> batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        if (fence is null)
        {
            await CopyRowsAsync(connection, batch).ConfigureAwait(false);
            return;
        }
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        if (!await fence.IsLiveAsync(connection).ConfigureAwait(false)) throw fence.Refusal();
        await CopyRowsAsync(connection, batch).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
    }

    private static async Task CopyRowsAsync(NpgsqlConnection connection, List<PendingAppend> batch)
    {
        await using var importer = await connection.BeginBinaryImportAsync(CopyIn).ConfigureAwait(false);
        foreach (var append in batch)
        {
            var m = append.Message;
            await importer.StartRowAsync().ConfigureAwait(false);
            await importer.WriteAsync(m.SessionId, NpgsqlDbType.Text).ConfigureAwait(false);
            await importer.WriteAsync(m.Seq, NpgsqlDbType.Bigint).ConfigureAwait(false);
            await importer.WriteAsync((short)m.Kind, NpgsqlDbType.Smallint).ConfigureAwait(false);
            await importer.WriteAsync(m.SenderId, NpgsqlDbType.Text).ConfigureAwait(false);
            await importer.WriteAsync((short)m.SenderRole, NpgsqlDbType.Smallint).ConfigureAwait(false);
            await importer.WriteAsync(m.SenderName, NpgsqlDbType.Text).ConfigureAwait(false);
            await importer.WriteAsync(m.Text, NpgsqlDbType.Text).ConfigureAwait(false);
            await importer.WriteAsync(m.At.UtcDateTime, NpgsqlDbType.TimestampTz).ConfigureAwait(false);
            if (m.ClientMessageId is null) await importer.WriteNullAsync().ConfigureAwait(false);
            else await importer.WriteAsync(m.ClientMessageId, NpgsqlDbType.Text).ConfigureAwait(false);
        }
        await importer.CompleteAsync().ConfigureAwait(false);
    }
}
