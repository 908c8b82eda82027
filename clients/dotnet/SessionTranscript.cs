namespace Engagement.Client;

/// <summary>
/// One session as a client holds it (docs/protocol.md, Resume rule): the messages 1…<see cref="Contiguous"/>,
/// messages held above a gap until a join reply or a transcript page fills it, and nothing twice. Messages are
/// handed to <see cref="Delivered"/> exactly once each, in seq order.
/// It also checks the server's promise for each connection — a session's live messages arrive in seq order, once,
/// and a gap between two of them is always covered by a join reply or by this connection's own acknowledged sends
/// (a connection gets its own message in the acknowledgement, not as an event). (What it cannot check: where live messages
/// fall relative to a reply. The SignalR client runs event handlers in the order they arrived, but a reply's
/// continuation on its own, so a message received before a reply may be handled after it.)
/// Thread-safe: SignalR handlers and hub call continuations run on different threads.
/// </summary>
public sealed class SessionTranscript(string sessionId)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, ChatMessage> _held = [];
    private readonly Dictionary<string, ConnectionOrder> _connections = new(StringComparer.Ordinal);
    private readonly List<string> _violations = [];
    private int _joinsInFlight;
    private int _sendsInFlight;
    private long _duplicates;

    /// <summary>What one connection was sent: its live seqs in order, and how far its join replies reached.</summary>
    private sealed class ConnectionOrder
    {
        public long LastLive { get; set; }
        public long CoveredUpTo { get; set; }
        /// <summary>Jumps from one live seq to a later one that no reply had covered (yet: a reply may still come).</summary>
        public List<(long From, long To)> OpenGaps { get; } = [];
        /// <summary>Seqs of this connection's own sends above <see cref="LastLive"/>: they come in acknowledgements, never as events.</summary>
        public SortedSet<long> Acked { get; } = [];
        public Queue<string> Recent { get; } = new();

        public void Saw(string what)
        {
            Recent.Enqueue(what);
            if (Recent.Count > 16) Recent.Dequeue();
        }
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

    /// <summary>
    /// Messages held above a gap while no join and no send is in flight (a send's acknowledgement may be what fills
    /// it): a sign to re-join from <see cref="Contiguous"/>.
    /// </summary>
    public bool HasGap
    {
        get { lock (_gate) return _held.Count > 0 && _joinsInFlight == 0 && _sendsInFlight == 0; }
    }

    /// <summary>Live messages that skipped over messages no join reply carried, on one connection: the server promises none.</summary>
    public long OutOfOrder
    {
        get { lock (_gate) return _connections.Values.Sum(o => o.OpenGaps.Count(g => g.To > o.CoveredUpTo)); }
    }

    /// <summary>Live messages a connection was sent again, or behind a later one: the server promises none.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>The first few breaches of the per-connection promise, described, for reports.</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate)
            {
                var gaps = _connections.SelectMany(c => c.Value.OpenGaps.Where(g => g.To > c.Value.CoveredUpTo)
                    .Select(g => $"session {SessionId}: live seq {g.To + 1} on {c.Key} after {g.From - 1}, and no reply covered {g.From}..{g.To}"));
                return [.. _violations, .. gaps.Take(5)];
            }
        }
    }

    /// <summary>A join (or re-join) is about to be sent on <paramref name="connectionId"/>.</summary>
    public void BeginJoin(string connectionId)
    {
        lock (_gate)
        {
            _joinsInFlight++;
            Order(connectionId).Saw("join");
        }
    }

    public void JoinFailed(string connectionId)
    {
        lock (_gate)
        {
            _joinsInFlight--;
            Order(connectionId).Saw("join failed");
        }
    }

    /// <summary>The join reply on <paramref name="connectionId"/>.</summary>
    public void Joined(string connectionId, JoinResult result)
    {
        lock (_gate)
        {
            _joinsInFlight--;
            var order = Order(connectionId);
            order.Saw($"reply up to {result.UpToSeq}");
            order.CoveredUpTo = Math.Max(order.CoveredUpTo, result.UpToSeq);
            Hand(Take(result.Missed), live: false);
        }
    }

    /// <summary>A send is on its way: until its acknowledgement, a gap may be the message being sent.</summary>
    public void BeginSend()
    {
        lock (_gate) _sendsInFlight++;
    }

    /// <summary>The send was acknowledged (see <see cref="Acked"/>) or failed.</summary>
    public void EndSend()
    {
        lock (_gate) _sendsInFlight--;
    }

    /// <summary>
    /// This client's own message, from its acknowledgement on <paramref name="connectionId"/>: it takes its place in
    /// the transcript like a live message (the connection gets no event for it).
    /// </summary>
    public void Acked(string connectionId, ChatMessage message)
    {
        lock (_gate)
        {
            var order = Order(connectionId);
            order.Saw($"ack {message.Seq}");
            if (message.Seq > order.LastLive) order.Acked.Add(message.Seq);
            else CloseGapAt(order, message.Seq); // a later live message overtook the acknowledgement
            Hand(Take([message]), live: true);
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
            var order = Order(connectionId);
            order.Saw($"live {message.Seq}");
            if (message.Seq <= order.LastLive)
            {
                Interlocked.Increment(ref _duplicates);
                if (_violations.Count < 5)
                    _violations.Add($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} session {SessionId}: live seq {message.Seq} on {connectionId} after {order.LastLive}; recently: {string.Join(", ", order.Recent)}");
            }
            else
            {
                if (order.LastLive > 0 && message.Seq > order.LastLive + 1) OpenGap(order, order.LastLive + 1, message.Seq - 1);
                order.LastLive = message.Seq;
                order.Acked.RemoveWhere(seq => seq <= message.Seq);
            }
            Hand(Take([message]), live: true);
        }
    }

    /// <summary>A connection went away: its order no longer matters.</summary>
    public void Forget(string connectionId)
    {
        lock (_gate) _connections.Remove(connectionId);
    }

    /// <summary>Records live seqs skipped from <paramref name="from"/> to <paramref name="to"/>, less this connection's own acknowledged ones.</summary>
    private static void OpenGap(ConnectionOrder order, long from, long to)
    {
        foreach (var acked in order.Acked.GetViewBetween(from, to))
        {
            if (acked > from) order.OpenGaps.Add((from, acked - 1));
            from = acked + 1;
        }
        if (from <= to) order.OpenGaps.Add((from, to));
    }

    /// <summary>An acknowledgement arrived after live messages beyond it: its seq is no longer part of any gap.</summary>
    private static void CloseGapAt(ConnectionOrder order, long seq)
    {
        var i = order.OpenGaps.FindIndex(g => g.From <= seq && seq <= g.To);
        if (i < 0) return;
        var (from, to) = order.OpenGaps[i];
        order.OpenGaps.RemoveAt(i);
        if (seq < to) order.OpenGaps.Insert(i, (seq + 1, to));
        if (from < seq) order.OpenGaps.Insert(i, (from, seq - 1));
    }

    private ConnectionOrder Order(string connectionId)
    {
        if (!_connections.TryGetValue(connectionId, out var order)) _connections[connectionId] = order = new ConnectionOrder();
        return order;
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
