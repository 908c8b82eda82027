namespace Engagement.Storage;

/// <summary>
/// Rows that must commit with the transcript messages they describe (the webhooks' message.created deliveries),
/// written by the transcript batch's own statement: no extra round trip or commit, and never a message without
/// its rows or rows without their message. A batch carries them only while <see cref="IsWanted"/>, so with no one
/// to tell, the chat path writes exactly what it wrote without an outbox.
/// </summary>
public interface ITranscriptOutbox
{
    /// <summary>Whether the next batch should carry outbox rows; read once per batch, so it must be a field's read.</summary>
    bool IsWanted { get; }

    /// <summary>
    /// An INSERT of the outbox rows for the messages of <paramref name="messages"/>: a FROM item aliased <c>m</c> with
    /// the columns session_id, seq, at and kind. <paramref name="condition"/> (SQL, or null) must hold for any row to be
    /// inserted. The statement is built once and reused, so its text must not change.
    /// </summary>
    string InsertSql(string messages, string? condition);

    /// <summary>A batch that carried outbox rows has committed. Called on the writer's path: it must return at once.</summary>
    void Committed();
}
