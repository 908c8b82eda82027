namespace Engagement.Sessions;

/// <summary>
/// A session's transcript as its grain knows it: the highest durable seq, a tail of recent messages for cheap
/// resumes, and the seqs of recent client message ids so a resend after a lost acknowledgement is answered, not
/// stored twice. Messages are appended one at a time, each taking the next seq only once the one before is durable,
/// so the stored transcript has no gaps: a failed append gives its seq to the next message.
/// </summary>
internal sealed class TranscriptSequencer
{
    private readonly int _tailCapacity;
    private readonly List<ChatMessage> _tail;
    // Keyed by (sender, client message id) as a pair, not a joined string: every send looks it up.
    private readonly Dictionary<(string SenderId, string ClientMessageId), long> _acked = new();
    private readonly Queue<(string SenderId, string ClientMessageId)> _ackOrder = new();
    private const int AckMemory = 2_000;

    public TranscriptSequencer(IReadOnlyList<ChatMessage> tail, int tailCapacity = 200)
    {
        _tailCapacity = tailCapacity;
        _tail = [];
        Adopt(tail);
    }

    /// <summary>Highest durable seq: every message up to it is stored.</summary>
    public long LastDurable { get; private set; }

    /// <summary>The seq the next append takes.</summary>
    public long NextSeq => LastDurable + 1;

    /// <summary>The seq a message with this client message id was stored at, if it is remembered.</summary>
    public bool TryGetAckedSeq(string senderId, string clientMessageId, out long seq) =>
        _acked.TryGetValue((senderId, clientMessageId), out seq);

    /// <summary>Records that <paramref name="message"/>, which took <see cref="NextSeq"/>, is durable.</summary>
    public void Committed(ChatMessage message)
    {
        if (message.Seq != NextSeq) throw new InvalidOperationException($"Seq {message.Seq} committed while {NextSeq} was next.");
        Append(message);
    }

    /// <summary>
    /// Takes what the store holds beyond <see cref="LastDurable"/> (a commit whose answer was lost, or a write by
    /// another activation) and returns those messages, in order, for delivery.
    /// </summary>
    public List<ChatMessage> Adopt(IEnumerable<ChatMessage> stored)
    {
        var found = stored.Where(m => m.Seq > LastDurable).OrderBy(m => m.Seq).ToList();
        foreach (var m in found) Append(m);
        return found;
    }

    /// <summary>
    /// Durable messages in (<paramref name="afterSeq"/>, <see cref="LastDurable"/>] from the cached tail,
    /// or false when the tail does not reach back that far (read the store instead).
    /// </summary>
    public bool TryReadTail(long afterSeq, out List<ChatMessage> messages)
    {
        messages = [];
        if (afterSeq >= LastDurable) return true;
        if (_tail.Count == 0 || _tail[0].Seq > afterSeq + 1) return false;
        messages = _tail.Where(m => m.Seq > afterSeq).ToList();
        return true;
    }

    private void Append(ChatMessage message)
    {
        LastDurable = message.Seq;
        _tail.Add(message);
        if (_tail.Count > _tailCapacity) _tail.RemoveRange(0, _tail.Count - _tailCapacity);
        RememberAck(message);
    }

    private void RememberAck(ChatMessage m)
    {
        if (m.ClientMessageId is null) return;
        var key = (m.SenderId, m.ClientMessageId);
        if (_acked.TryAdd(key, m.Seq))
        {
            _ackOrder.Enqueue(key);
            if (_ackOrder.Count > AckMemory) _acked.Remove(_ackOrder.Dequeue());
        }
    }
}
