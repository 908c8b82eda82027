using Npgsql;

namespace Engagement.Storage;

/// <summary>
/// The transcript's insert statement with its parameters, built once and reused for one batch at a time: at 1,000
/// msg/s most batches hold one message, and building the command, its connection wrapper and eleven parameters per
/// batch was the largest allocation of ours per message (docs/benchmarks.md, "Allocations per message"). The column
/// arrays are kept while batches keep the same size, and cleared after each so they hold no message alive.
/// </summary>
internal sealed class TranscriptInsert : IAsyncDisposable
{
    private readonly NpgsqlCommand command;
    private readonly NpgsqlParameter<string[]> sessions = new();
    private readonly NpgsqlParameter<long[]> seqs = new();
    private readonly NpgsqlParameter<short[]> kinds = new();
    private readonly NpgsqlParameter<string[]> senders = new();
    private readonly NpgsqlParameter<short[]> roles = new();
    private readonly NpgsqlParameter<string[]> names = new();
    private readonly NpgsqlParameter<string[]> texts = new();
    private readonly NpgsqlParameter<DateTime[]> ats = new();
    private readonly NpgsqlParameter<string?[]> clientIds = new();

    /// <param name="sql">The statement: $1 … $9 are the columns (unnest), then the fence's parameters if any.</param>
    public TranscriptInsert(NpgsqlDataSource dataSource, string sql, MembershipFence? fence)
    {
        command = dataSource.CreateCommand(sql);
        command.Parameters.Add(sessions);
        command.Parameters.Add(seqs);
        command.Parameters.Add(kinds);
        command.Parameters.Add(senders);
        command.Parameters.Add(roles);
        command.Parameters.Add(names);
        command.Parameters.Add(texts);
        command.Parameters.Add(ats);
        command.Parameters.Add(clientIds);
        fence?.AddParameters(command.Parameters);
        Clear();
    }

    /// <returns>The number of rows inserted.</returns>
    public async Task<int> ExecuteNonQueryAsync(IReadOnlyList<PendingAppend> batch)
    {
        Bind(batch);
        try
        {
            return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        finally
        {
            Clear();
        }
    }

    public async Task<NpgsqlDataReader> ExecuteReaderAsync(IReadOnlyList<PendingAppend> batch)
    {
        Bind(batch);
        return await command.ExecuteReaderAsync().ConfigureAwait(false);
    }

    private void Bind(IReadOnlyList<PendingAppend> batch)
    {
        var n = batch.Count;
        if (sessions.TypedValue!.Length != n)
        {
            sessions.TypedValue = new string[n]; seqs.TypedValue = new long[n]; kinds.TypedValue = new short[n];
            senders.TypedValue = new string[n]; roles.TypedValue = new short[n]; names.TypedValue = new string[n];
            texts.TypedValue = new string[n]; ats.TypedValue = new DateTime[n]; clientIds.TypedValue = new string?[n];
        }
        for (var i = 0; i < n; i++)
        {
            var m = batch[i].Message;
            sessions.TypedValue[i] = m.SessionId; seqs.TypedValue![i] = m.Seq; kinds.TypedValue![i] = (short)m.Kind;
            senders.TypedValue![i] = m.SenderId; roles.TypedValue![i] = (short)m.SenderRole; names.TypedValue![i] = m.SenderName;
            texts.TypedValue![i] = m.Text; ats.TypedValue![i] = m.At.UtcDateTime; clientIds.TypedValue![i] = m.ClientMessageId;
        }
    }

    /// <summary>Drops the last batch's strings; the arrays stay for a batch of the same size.</summary>
    private void Clear()
    {
        if (sessions.TypedValue is null)
        {
            sessions.TypedValue = []; seqs.TypedValue = []; kinds.TypedValue = []; senders.TypedValue = []; roles.TypedValue = [];
            names.TypedValue = []; texts.TypedValue = []; ats.TypedValue = []; clientIds.TypedValue = [];
            return;
        }
        Array.Clear(sessions.TypedValue); Array.Clear(senders.TypedValue!); Array.Clear(names.TypedValue!);
        Array.Clear(texts.TypedValue!); Array.Clear(clientIds.TypedValue!);
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();
}
