namespace Engagement.Storage;

/// <summary>
/// Durable, append-only transcript storage, separate from grain state so that appending a message costs
/// O(1) rather than a rewrite of the session's state. The session grain assigns sequence numbers;
/// the store only keeps them.
/// </summary>
public interface ITranscriptStore
{
    /// <summary>
    /// Appends one message. The task completes only once the message is durable (committed).
    /// Appending the same (session, seq) twice is a bug in the caller and fails.
    /// </summary>
    Task AppendAsync(ChatMessage message, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> messages of a session with seq &gt; <paramref name="afterSeq"/>, in seq order.</summary>
    Task<IReadOnlyList<ChatMessage>> ReadAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>The last <paramref name="count"/> messages of a session, in seq order (used to rebuild caches on activation).</summary>
    Task<IReadOnlyList<ChatMessage>> ReadTailAsync(string sessionId, int count, CancellationToken cancellationToken = default);
}
