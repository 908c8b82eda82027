namespace Engagement.Storage;

/// <summary>
/// Transcript kept in process memory, for the in-memory test cluster and local experiments: nothing
/// survives the process. Same contract as <see cref="PostgresTranscriptStore"/>, duplicates included.
/// </summary>
public sealed class InMemoryTranscriptStore : ITranscriptStore
{
    private readonly Dictionary<string, SortedList<long, ChatMessage>> sessions = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public Task AppendAsync(ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (gate)
        {
            if (!sessions.TryGetValue(message.SessionId, out var transcript))
                sessions[message.SessionId] = transcript = new SortedList<long, ChatMessage>();
            if (!transcript.TryAdd(message.Seq, message))
                return Task.FromException(new DuplicateTranscriptEntryException(message.SessionId, message.Seq));
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ChatMessage>> ReadAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<ChatMessage> result = limit <= 0 || !sessions.TryGetValue(sessionId, out var transcript)
                ? []
                : transcript.Values.Where(m => m.Seq > afterSeq).Take(limit).ToArray();
            return Task.FromResult(result);
        }
    }

    public Task<IReadOnlyList<ChatMessage>> ReadTailAsync(string sessionId, int count, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<ChatMessage> result = count <= 0 || !sessions.TryGetValue(sessionId, out var transcript)
                ? []
                : transcript.Values.Skip(Math.Max(0, transcript.Count - count)).ToArray();
            return Task.FromResult(result);
        }
    }
}
