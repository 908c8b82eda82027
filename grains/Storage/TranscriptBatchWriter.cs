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
    // Statements of batches in flight (up to MaxFlushesInFlight), idle between batches: one-row batches have their own form.
    private readonly ConcurrentBag<TranscriptInsert> idleRowInserts = [];
    private readonly ConcurrentBag<TranscriptInsert> idleRowsInserts = [];

    private const string CopyIn = $"COPY engagement.session_message ({TranscriptInsert.Columns}) FROM STDIN (FORMAT BINARY)";

    public async Task WriteAsync(IReadOnlyList<PendingAppend> batch)
    {
        var unique = RejectDuplicatesWithinBatch(batch);
        if (unique.Count == 0) return;
        try
        {
            if (method == TranscriptWriteMethod.Copy) await CopyAsync(unique);
            // A non-empty batch inserts every row or fails, so nothing inserted means the fence said no.
            else if (await InsertAllAsync(unique) == 0 && fence is not null) throw fence.Refusal();
            for (var i = 0; i < unique.Count; i++) unique[i].Succeed(); // indexed: a list behind the interface, no boxed enumerator
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
    private async Task<int> InsertAllAsync(IReadOnlyList<PendingAppend> batch)
    {
        var idle = batch.Count == 1 ? idleRowInserts : idleRowsInserts;
        var insert = idle.TryTake(out var reused) ? reused
            : batch.Count == 1 ? new TranscriptRowInsert(dataSource, fence) : new TranscriptRowsInsert(dataSource, fence);
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
    private async Task<HashSet<(string, long)>> InsertNewAsync(IReadOnlyList<PendingAppend> batch)
    {
        await using var insert = new TranscriptRowsInsert(dataSource, fence, suffix: " ON CONFLICT DO NOTHING RETURNING session_id, seq");
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
    /// membership row (or gives up), then copies and commits: the same guarantee, one more round trip.
    /// </summary>
    private async Task CopyAsync(IReadOnlyList<PendingAppend> batch)
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
        }
        await importer.CompleteAsync().ConfigureAwait(false);
    }
}
