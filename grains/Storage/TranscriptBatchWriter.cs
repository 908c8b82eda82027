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
/// With an <see cref="ITranscriptOutbox"/> that wants rows, the same statement (or COPY's transaction) also writes them.
/// </summary>
internal sealed class TranscriptBatchWriter(NpgsqlDataSource dataSource, TranscriptWriteMethod method, MembershipFence? fence = null, ITranscriptOutbox? outbox = null)
{
    // Statements of batches in flight (up to MaxFlushesInFlight), idle between batches: one-row batches have their own
    // form, and each form has one with the outbox's rows and one without.
    private readonly ConcurrentBag<TranscriptInsert> idleRowInserts = [];
    private readonly ConcurrentBag<TranscriptInsert> idleRowsInserts = [];
    private readonly ConcurrentBag<TranscriptInsert> idleOutboxRowInserts = [];
    private readonly ConcurrentBag<TranscriptInsert> idleOutboxRowsInserts = [];

    private const string CopyIn = $"COPY engagement.session_message ({TranscriptInsert.Columns}) FROM STDIN (FORMAT BINARY)";

    public async Task WriteAsync(IReadOnlyList<PendingAppend> batch)
    {
        var unique = RejectDuplicatesWithinBatch(batch);
        if (unique.Count == 0) return;
        // Decided once per batch: every statement of this batch carries the outbox's rows, or none does.
        var withOutbox = outbox is { IsWanted: true } ? outbox : null;
        try
        {
            if (method == TranscriptWriteMethod.Copy) await CopyAsync(unique, withOutbox);
            // A non-empty batch inserts every row or fails, so nothing inserted means the fence said no.
            else if (await InsertAllAsync(unique, withOutbox) == 0 && fence is not null) throw fence.Refusal();
            withOutbox?.Committed();
            for (var i = 0; i < unique.Count; i++) unique[i].Succeed(); // indexed: a list behind the interface, no boxed enumerator
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            var inserted = await InsertNewAsync(unique, withOutbox);
            if (inserted.Count > 0) withOutbox?.Committed();
            // Nothing new: every row was a duplicate, or the silo was fenced out since the first attempt.
            if (inserted.Count == 0 && fence is not null && !await IsLiveAsync(fence)) throw fence.Refusal();
            foreach (var append in unique)
            {
                if (inserted.Contains((append.Message.SessionId, append.Message.Seq))) append.Succeed();
                else append.Fail(new DuplicateTranscriptEntryException(append.Message.SessionId, append.Message.Seq));
            }
        }
    }

    private static IReadOnlyList<PendingAppend> RejectDuplicatesWithinBatch(IReadOnlyList<PendingAppend> batch)
    {
        if (batch.Count == 1) return batch; // most batches at moderate rates: nothing to compare, no set to build
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
    private async Task<int> InsertAllAsync(IReadOnlyList<PendingAppend> batch, ITranscriptOutbox? withOutbox)
    {
        var idle = (batch.Count == 1, withOutbox is null) switch
        {
            (true, true) => idleRowInserts,
            (false, true) => idleRowsInserts,
            (true, false) => idleOutboxRowInserts,
            (false, false) => idleOutboxRowsInserts,
        };
        var insert = idle.TryTake(out var reused) ? reused
            : batch.Count == 1 ? new TranscriptRowInsert(dataSource, fence, withOutbox) : new TranscriptRowsInsert(dataSource, fence, withOutbox);
        int inserted;
        insert.Bind(batch);
        try
        {
            inserted = await insert.Command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch
        {
            // Not reused after a failure: whatever state the command was left in goes with it.
            await insert.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            insert.Clear();
        }
        idle.Add(insert);
        return inserted;
    }

    /// <returns>The keys actually inserted (the others were already stored, or the silo is fenced out).</returns>
    private async Task<HashSet<(string, long)>> InsertNewAsync(IReadOnlyList<PendingAppend> batch, ITranscriptOutbox? withOutbox)
    {
        await using var insert = new TranscriptRowsInsert(dataSource, fence, withOutbox, newOnly: true);
        var inserted = new HashSet<(string, long)>();
        insert.Bind(batch);
        await using var reader = await insert.Command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
            inserted.Add((reader.GetString(0), reader.GetInt64(1)));
        return inserted;
    }

    private async Task<bool> IsLiveAsync(MembershipFence membership)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        return await membership.IsLiveAsync(connection).ConfigureAwait(false);
    }

    /// <summary>
    /// COPY cannot carry a condition, so a fenced copy runs in a transaction that first share-locks the live
    /// membership row (or gives up), then copies and commits: the same guarantee, one more round trip. The outbox's
    /// rows, if wanted, are inserted in that transaction after the copy (one more round trip, the same commit).
    /// </summary>
    private async Task CopyAsync(IReadOnlyList<PendingAppend> batch, ITranscriptOutbox? withOutbox)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        if (fence is null && withOutbox is null)
        {
            await CopyRowsAsync(connection, batch).ConfigureAwait(false);
            return;
        }
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        if (fence is not null && !await fence.IsLiveAsync(connection).ConfigureAwait(false)) throw fence.Refusal();
        await CopyRowsAsync(connection, batch).ConfigureAwait(false);
        if (withOutbox is not null) await InsertOutboxRowsAsync(connection, batch, withOutbox).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
    }

    private static async Task InsertOutboxRowsAsync(NpgsqlConnection connection, IReadOnlyList<PendingAppend> batch, ITranscriptOutbox withOutbox)
    {
        var (sessions, seqs, ats, kinds) = (new string[batch.Count], new long[batch.Count], new DateTime[batch.Count], new short[batch.Count]);
        for (var i = 0; i < batch.Count; i++)
            (sessions[i], seqs[i], ats[i], kinds[i]) = (batch[i].Message.SessionId, batch[i].Message.Seq, batch[i].Message.At.UtcDateTime, (short)batch[i].Message.Kind);
        await using var command = new NpgsqlCommand(
            withOutbox.InsertSql("unnest($1::text[], $2::bigint[], $3::timestamptz[], $4::smallint[]) AS m(session_id, seq, at, kind)", condition: null), connection);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = sessions });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = seqs });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = ats });
        command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = kinds });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task CopyRowsAsync(NpgsqlConnection connection, IReadOnlyList<PendingAppend> batch)
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
            if (AttachmentJson.Write(m.Attachments) is { } attachments) await importer.WriteAsync(attachments, NpgsqlDbType.Jsonb).ConfigureAwait(false);
            else await importer.WriteNullAsync().ConfigureAwait(false);
        }
        await importer.CompleteAsync().ConfigureAwait(false);
    }
}
