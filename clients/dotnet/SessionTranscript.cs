namespace Engagement.Client;

/// <summary>
/// One session as a client holds it (docs/protocol.md, Resume rule): the messages 1…<see cref="Contiguous"/>,
/// messages held above a gap until a join reply or a transcript page fills it, and nothing twice. Messages are
/// handed to <see cref="Delivered"/> exactly once each, in seq order.
/// It also checks the server's promise for each connection — a session's live messages arrive in seq order,
/// once, without a gap, right after the join reply's <c>upToSeq</c> — and counts what breaks it.
/// Thread-safe: SignalR handlers and hub call continuations run on different threads.
/// </summary>
public sealed class SessionTranscript(string sessionId)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, ChatMessage> _held = [];
    private readonly Dictionary<string, ConnectionOrder> _connections = new(StringComparer.Ordinal);
    private int _joinsInFlight;
    private long _outOfOrder, _duplicates;

    private sealed class ConnectionOrder
    {
        /// <summary>The seq the next live message must have; null until this connection's first join reply.</summary>
        public long? Next { get; set; }
        public List<long> BeforeReply { get; } = [];
    }

    public string SessionId { get; } = sessionId;

    /// <summary>Called once per message, in seq order, with whether it came live (an event) or in a reply (under a lock: keep it short).</summary>
    public Action<ChatMessage, bool>? Delivered { get; set; }

    /// <summary>The highest seq such that every message up to it is held: what to resume from.</summary>
    public long Contiguous { get; private set; }

    /// <summary>The highest seq received so far (equal to <see cref="Contiguous"/> unless a gap is being filled).</summary>
    public long HighestReceived
    {
        get { lock (_gate) return _held.Count > 0 ? _held.Keys.Last() : Contiguous; }
    }

    /// <summary>Messages held above a gap while no join is in flight: a sign to re-join from <see cref="Contiguous"/>.</summary>
    public bool HasGap
    {
        get { lock (_gate) return _held.Count > 0 && _joinsInFlight == 0; }
    }

    /// <summary>Live messages that broke a connection's seq order (a gap or a reordering), as the server promises none.</summary>
    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    /// <summary>Live messages a connection was sent twice (or after its join reply already carried them).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>A join (or re-join) is about to be sent on <paramref name="connectionId"/>.</summary>
    public void BeginJoin(string connectionId)
    {
        lock (_gate)
        {
            _joinsInFlight++;
            _connections.TryAdd(connectionId, new ConnectionOrder());
        }
    }

    public void JoinFailed()
    {
        lock (_gate) _joinsInFlight--;
    }

    /// <summary>The join reply on <paramref name="connectionId"/>: its messages, and where that connection's live ones continue.</summary>
    public void Joined(string connectionId, JoinResult result)
    {
        lock (_gate)
        {
            _joinsInFlight--;
            var order = _connections[connectionId];
            order.Next = Math.Max(order.Next ?? 0, result.UpToSeq + 1);
            foreach (var seq in order.BeforeReply) Check(order, seq);
            order.BeforeReply.Clear();
            Hand(Take(result.Missed), live: false);
        }
    }

    /// <summary>A page of GetTranscript (paging after a reply with hasMore).</summary>
    public void Page(IEnumerable<ChatMessage> messages)
    {
        lock (_gate) Hand(Take(messages), live: false);
    }

    /// <summary>A <c>message</c> event received on <paramref name="connectionId"/>.</summary>
    public void Live(string connectionId, ChatMessage message)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(connectionId, out var order))
            {
                if (order.Next is null) order.BeforeReply.Add(message.Seq);
                else Check(order, message.Seq);
            }
            Hand(Take([message]), live: true);
        }
    }

    /// <summary>A connection went away: its order no longer matters.</summary>
    public void Forget(string connectionId)
    {
        lock (_gate) _connections.Remove(connectionId);
    }

    private void Check(ConnectionOrder order, long seq)
    {
        if (seq == order.Next)
        {
            order.Next = seq + 1;
        }
        else if (seq < order.Next)
        {
            Interlocked.Increment(ref _duplicates);
        }
        else
        {
            Interlocked.Increment(ref _outOfOrder);
            order.Next = seq + 1;
        }
    }

    private List<ChatMessage> Take(IEnumerable<ChatMessage> messages)
    {
        foreach (var m in messages)
        {
            if (m.SessionId == SessionId && m.Seq > Contiguous) _held.TryAdd(m.Seq, m);
        }
        var ready = new List<ChatMessage>();
        while (_held.Remove(Contiguous + 1, out var next))
        {
            ready.Add(next);
            Contiguous++;
        }
        return ready;
    }

    private void Hand(List<ChatMessage> ready, bool live)
    {
        if (Delivered is not { } delivered) return;
        foreach (var m in ready) delivered(m, live);
    }
}
