using Npgsql;

namespace Engagement.Storage;

/// <summary>
/// The transcript's insert statement with its parameters, built once and reused for one batch at a time: at 1,000
/// msg/s most batches hold one message, and building the command, its connection wrapper and the parameters per
/// batch was the largest allocation of ours per message (docs/benchmarks.md, "Allocations per message"). Bind a
/// batch, execute <see cref="Command"/>, then <see cref="Clear"/> it so that it holds no message alive.
/// </summary>
internal abstract class TranscriptInsert : IAsyncDisposable
{
    public const string Columns = "session_id, seq, kind, sender_id, sender_role, sender_name, text, at, client_message_id, attachments";

    /// <summary>The insert of a batch that reports the rows it added (only new ones: a duplicate (session, seq) is skipped).</summary>
    protected const string NewOnlySuffix = " ON CONFLICT DO NOTHING RETURNING session_id, seq, at, kind";

    /// <param name="messages">The same rows as <paramref name="select"/> for the outbox: a FROM item <c>m(session_id, seq, at, kind)</c> on the parameters.</param>
    /// <remarks>
    /// The fence is an uncorrelated sub-select: PostgreSQL evaluates it once per statement (an InitPlan), before any row.
    /// The outbox's rows are a data-modifying CTE of the same statement under the same fence: they commit with the
    /// messages or not at all. With <paramref name="newOnly"/> they are read from the rows actually inserted.
    /// </remarks>
    protected static string Sql(string select, MembershipFence? fence, ITranscriptOutbox? outbox, string messages, bool newOnly = false)
    {
        var condition = fence is null ? null : MembershipFence.Condition(11);
        var insert = $"INSERT INTO engagement.session_message ({Columns}) {select}" + (condition is null ? "" : " WHERE " + condition) + (newOnly ? NewOnlySuffix : "");
        if (outbox is null) return insert;
        return newOnly
            ? $"WITH ins AS ({insert}), outbox AS ({outbox.InsertSql("ins AS m", null)}) SELECT session_id, seq FROM ins"
            : $"WITH outbox AS ({outbox.InsertSql(messages, condition)}) {insert}";
    }

    /// <param name="columns">$1 … $10, in <see cref="Columns"/> order; the fence's parameters follow.</param>
    protected TranscriptInsert(NpgsqlDataSource dataSource, string sql, MembershipFence? fence, params NpgsqlParameter[] columns)
    {
        Command = dataSource.CreateCommand(sql);
        Command.Parameters.AddRange(columns);
        fence?.AddParameters(Command.Parameters);
    }

    public NpgsqlCommand Command { get; }

    public abstract void Bind(IReadOnlyList<PendingAppend> batch);

    public abstract void Clear();

    public ValueTask DisposeAsync() => Command.DisposeAsync();
}

/// <summary>Any number of rows, one array per column (unnest).</summary>
internal sealed class TranscriptRowsInsert : TranscriptInsert
{
    private const string Select =
        "SELECT * FROM unnest($1::text[], $2::bigint[], $3::smallint[], $4::text[], $5::smallint[], $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::text[]::jsonb[])";

    private const string Messages = "unnest($1::text[], $2::bigint[], $8::timestamptz[], $3::smallint[]) AS m(session_id, seq, at, kind)";

    private readonly NpgsqlParameter<string[]> sessions;
    private readonly NpgsqlParameter<long[]> seqs;
    private readonly NpgsqlParameter<short[]> kinds;
    private readonly NpgsqlParameter<string[]> senders;
    private readonly NpgsqlParameter<short[]> roles;
    private readonly NpgsqlParameter<string[]> names;
    private readonly NpgsqlParameter<string[]> texts;
    private readonly NpgsqlParameter<DateTime[]> ats;
    private readonly NpgsqlParameter<string?[]> clientIds;
    private readonly NpgsqlParameter<string?[]> attachments;

    /// <param name="newOnly">Skip rows already stored and return (session_id, seq) of those inserted.</param>
    public TranscriptRowsInsert(NpgsqlDataSource dataSource, MembershipFence? fence, ITranscriptOutbox? outbox = null, bool newOnly = false)
        : this(dataSource, Sql(Select, fence, outbox, Messages, newOnly), fence, new(), new(), new(), new(), new(), new(), new(), new(), new(), new())
    {
    }

    private TranscriptRowsInsert(
        NpgsqlDataSource dataSource, string sql, MembershipFence? fence,
        NpgsqlParameter<string[]> sessions, NpgsqlParameter<long[]> seqs, NpgsqlParameter<short[]> kinds,
        NpgsqlParameter<string[]> senders, NpgsqlParameter<short[]> roles, NpgsqlParameter<string[]> names,
        NpgsqlParameter<string[]> texts, NpgsqlParameter<DateTime[]> ats, NpgsqlParameter<string?[]> clientIds,
        NpgsqlParameter<string?[]> attachments)
        : base(dataSource, sql, fence, sessions, seqs, kinds, senders, roles, names, texts, ats, clientIds, attachments)
    {
        (this.sessions, this.seqs, this.kinds, this.senders, this.roles, this.names, this.texts, this.ats, this.clientIds, this.attachments) =
            (sessions, seqs, kinds, senders, roles, names, texts, ats, clientIds, attachments);
        Bind([]);
    }

    /// <remarks>The arrays are kept while batches keep the same size.</remarks>
    public override void Bind(IReadOnlyList<PendingAppend> batch)
    {
        var n = batch.Count;
        if (sessions.TypedValue?.Length != n)
        {
            sessions.TypedValue = new string[n]; seqs.TypedValue = new long[n]; kinds.TypedValue = new short[n];
            senders.TypedValue = new string[n]; roles.TypedValue = new short[n]; names.TypedValue = new string[n];
            texts.TypedValue = new string[n]; ats.TypedValue = new DateTime[n]; clientIds.TypedValue = new string?[n];
            attachments.TypedValue = new string?[n];
        }
        for (var i = 0; i < n; i++)
        {
            var m = batch[i].Message;
            sessions.TypedValue[i] = m.SessionId; seqs.TypedValue![i] = m.Seq; kinds.TypedValue![i] = (short)m.Kind;
            senders.TypedValue![i] = m.SenderId; roles.TypedValue![i] = (short)m.SenderRole; names.TypedValue![i] = m.SenderName;
            texts.TypedValue![i] = m.Text; ats.TypedValue![i] = m.At.UtcDateTime; clientIds.TypedValue![i] = m.ClientMessageId;
            attachments.TypedValue![i] = AttachmentJson.Write(m.Attachments);
        }
    }

    public override void Clear()
    {
        Array.Clear(sessions.TypedValue!); Array.Clear(senders.TypedValue!); Array.Clear(names.TypedValue!);
        Array.Clear(texts.TypedValue!); Array.Clear(clientIds.TypedValue!); Array.Clear(attachments.TypedValue!);
    }
}

/// <summary>
/// Exactly one row, one value per column: most batches at moderate rates. Npgsql writes an array parameter through
/// a state object per array and execution, so one row of arrays cost more than the row itself.
/// </summary>
internal sealed class TranscriptRowInsert : TranscriptInsert
{
    private const string Select = "SELECT $1::text, $2::bigint, $3::smallint, $4::text, $5::smallint, $6::text, $7::text, $8::timestamptz, $9::text, $10::text::jsonb";

    private const string Messages = "(SELECT $1::text, $2::bigint, $8::timestamptz, $3::smallint) AS m(session_id, seq, at, kind)";

    private readonly NpgsqlParameter<string> session;
    private readonly NpgsqlParameter<long> seq;
    private readonly NpgsqlParameter<short> kind;
    private readonly NpgsqlParameter<string> sender;
    private readonly NpgsqlParameter<short> role;
    private readonly NpgsqlParameter<string> name;
    private readonly NpgsqlParameter<string> text;
    private readonly NpgsqlParameter<DateTime> at;
    private readonly NpgsqlParameter<string?> clientId;
    private readonly NpgsqlParameter<string?> attachments;

    public TranscriptRowInsert(NpgsqlDataSource dataSource, MembershipFence? fence, ITranscriptOutbox? outbox = null)
        : this(dataSource, Sql(Select, fence, outbox, Messages), fence, new(), new(), new(), new(), new(), new(), new(), new(), new(), new())
    {
    }

    private TranscriptRowInsert(
        NpgsqlDataSource dataSource, string sql, MembershipFence? fence,
        NpgsqlParameter<string> session, NpgsqlParameter<long> seq, NpgsqlParameter<short> kind,
        NpgsqlParameter<string> sender, NpgsqlParameter<short> role, NpgsqlParameter<string> name,
        NpgsqlParameter<string> text, NpgsqlParameter<DateTime> at, NpgsqlParameter<string?> clientId,
        NpgsqlParameter<string?> attachments)
        : base(dataSource, sql, fence, session, seq, kind, sender, role, name, text, at, clientId, attachments)
    {
        (this.session, this.seq, this.kind, this.sender, this.role, this.name, this.text, this.at, this.clientId, this.attachments) =
            (session, seq, kind, sender, role, name, text, at, clientId, attachments);
    }

    public override void Bind(IReadOnlyList<PendingAppend> batch)
    {
        if (batch.Count != 1) throw new ArgumentException("One row only.", nameof(batch));
        var m = batch[0].Message;
        session.TypedValue = m.SessionId; seq.TypedValue = m.Seq; kind.TypedValue = (short)m.Kind;
        sender.TypedValue = m.SenderId; role.TypedValue = (short)m.SenderRole; name.TypedValue = m.SenderName;
        text.TypedValue = m.Text; at.TypedValue = m.At.UtcDateTime; clientId.TypedValue = m.ClientMessageId;
        attachments.TypedValue = AttachmentJson.Write(m.Attachments);
    }

    public override void Clear()
    {
        session.TypedValue = null; sender.TypedValue = null; name.TypedValue = null; text.TypedValue = null; clientId.TypedValue = null;
        attachments.TypedValue = null;
    }
}
