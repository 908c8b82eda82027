namespace Engagement.Sessions;

/// <summary>
/// Keeps a session's transcript in order while appends commit concurrently: hands out sequence numbers,
/// releases messages for delivery only as a contiguous durable prefix (so clients see seq order), keeps
/// a tail of recent messages for cheap resumes, and remembers recent client message ids so a resend after
/// a lost acknowledgement is answered, not stored twice.
/// </summary>
internal sealed class TranscriptSequencer
{
    private readonly int _tailCapacity;
    private readonly List<ChatMessage> _tail;
    private readonly SortedDictionary<long, ChatMessage?> _committed = new();
    private readonly Dictionary<string, MessageAck> _acks = new(StringComparer.Ordinal);
    private readonly Queue<string> _ackOrder = new();
    private const int AckMemory = 2_000;

    public TranscriptSequencer(IReadOnlyList<ChatMessage> tail, int tailCapacity = 200)
    {
        _tailCapacity = tailCapacity;
        _tail = tail.OrderBy(m => m.Seq).ToList();
        LastAssigned = LastDurable = _tail.Count == 0 ? 0 : _tail[^1].Seq;
        foreach (var m in _tail) RememberAck(m);
    }

    /// <summary>Highest sequence number handed out.</summary>
    public long LastAssigned { get; private set; }

    /// <summary>Highest sequence number released for delivery; everything up to it is durable (or failed and skipped).</summary>
    public long LastDurable { get; private set; }

    public long Next() => ++LastAssigned;

    public bool TryGetAck(string senderId, string clientMessageId, out MessageAck ack) =>
        _acks.TryGetValue(AckKey(senderId, clientMessageId), out ack!);

    /// <summary>
    /// Records that <paramref name="seq"/> committed (<paramref name="message"/> set) or failed (null), and
    /// returns the messages that can now be delivered, in order.
    /// </summary>
    public List<ChatMessage> Complete(long seq, ChatMessage? message)
    {
        _committed[seq] = message;
        var ready = new List<ChatMessage>();
        while (_committed.Remove(LastDurable + 1, out var next))
        {
            LastDurable++;
            if (next is null) continue; // a failed append leaves a gap; later messages still flow
            ready.Add(next);
            _tail.Add(next);
            RememberAck(next);
        }
        if (_tail.Count > _tailCapacity) _tail.RemoveRange(0, _tail.Count - _tailCapacity);
        return ready;
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

    private void RememberAck(ChatMessage m)
    {
        if (m.ClientMessageId is null) return;
        var key = AckKey(m.SenderId, m.ClientMessageId);
        if (_acks.TryAdd(key, new MessageAck(m.SessionId, m.Seq, m.At, m.ClientMessageId, Duplicate: true)))
        {
            _ackOrder.Enqueue(key);
            if (_ackOrder.Count > AckMemory) _acks.Remove(_ackOrder.Dequeue());
        }
    }

    private static string AckKey(string senderId, string clientMessageId) => senderId + "\n" + clientMessageId;
}
