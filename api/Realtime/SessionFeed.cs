namespace Engagement.Api.Realtime;

/// <summary>
/// One session's listeners on this silo and how far each has been given the transcript (its cursor). A
/// <c>message</c> event reaches a connection only as the next seq after its cursor: an older one is a duplicate
/// and dropped, a newer one is held until the gap fills (the session is asked for what is missing), and while
/// a join is in flight everything is held until the join's reply says where live delivery starts. So each
/// connection sees a session's messages in seq order with no gaps, whatever Orleans reorders, loses with a
/// silo, or sends twice. Sends to one connection start under the feed's lock, so they reach SignalR in order.
/// </summary>
internal sealed class SessionFeed(string sessionId)
{
    /// <summary>More held messages than this for one connection means it is far behind: it is caught up by fills instead.</summary>
    private const int MaxHeld = 1_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Cursor> _cursors = new(StringComparer.Ordinal);

    private sealed class Cursor(LiveConnection connection)
    {
        public LiveConnection Connection { get; } = connection;
        /// <summary>Joins of this connection to the session still waiting for their reply (a client may overlap them).</summary>
        public int JoinsInFlight { get; set; }
        /// <summary>True once a join's reply said where live delivery starts; until then messages are held.</summary>
        public bool Started { get; set; }
        /// <summary>Held until a join's reply (the first one, or a re-join that asked to start over).</summary>
        public bool Joining => !Started;
        public long Delivered { get; set; }
        public SortedDictionary<long, ClientEvent>? Held { get; set; }
        /// <summary>Seqs beyond the cursor that this connection sent and holds from their acknowledgements: passed over, not sent.</summary>
        public SortedSet<long>? OwnAhead { get; set; }
        public DateTimeOffset? GapSince { get; set; }
        public DateTimeOffset LastFillAt { get; set; }
    }

    /// <summary>What to do about a connection that has waited for a missing message.</summary>
    public enum GapAction
    {
        None,
        /// <summary>Ask the session for what the cursor lacks (a lease renewal with the cursor).</summary>
        Fill,
        /// <summary>The gap never filled (a transcript stored with a hole by an older version): delivery moved past it.</summary>
        Skipped,
    }

    public string SessionId { get; } = sessionId;

    public bool IsEmpty
    {
        get { lock (_gate) return _cursors.Count == 0; }
    }

    /// <summary>
    /// A join starts. A first join holds live messages until its reply; a re-join on a connection already receiving
    /// keeps delivering (its reply only moves the cursor forward), so a join stuck on a failing node holds nothing.
    /// </summary>
    public void BeginJoin(LiveConnection connection)
    {
        lock (_gate)
        {
            if (!_cursors.TryGetValue(connection.Id, out var cursor)) _cursors[connection.Id] = cursor = new Cursor(connection);
            cursor.JoinsInFlight++;
        }
    }

    /// <summary>
    /// The join's reply covers the transcript up to <paramref name="upToSeq"/>: live delivery continues after it.
    /// Returns true when a gap remains (held messages beyond a missing one).
    /// </summary>
    public bool Joined(string connectionId, long upToSeq, IClientSend sender, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_cursors.TryGetValue(connectionId, out var cursor)) return false;
            cursor.JoinsInFlight = Math.Max(0, cursor.JoinsInFlight - 1);
            cursor.Started = true;
            cursor.Delivered = Math.Max(cursor.Delivered, upToSeq);
            return SendHeld(cursor, sender, now);
        }
    }

    /// <summary>A failed join: the connection keeps its cursor if it had started, or another join is still on its way.</summary>
    public void JoinFailed(string connectionId)
    {
        lock (_gate)
        {
            if (!_cursors.TryGetValue(connectionId, out var cursor)) return;
            cursor.JoinsInFlight = Math.Max(0, cursor.JoinsInFlight - 1);
            if (!cursor.Started && cursor.JoinsInFlight == 0) _cursors.Remove(connectionId);
        }
    }

    public void Remove(string connectionId)
    {
        lock (_gate) _cursors.Remove(connectionId);
    }

    public bool Contains(string connectionId)
    {
        lock (_gate) return _cursors.ContainsKey(connectionId);
    }

    /// <summary>
    /// Delivers message <paramref name="seq"/> to the listed connections, each in its own order. Returns the
    /// connections that now wait on a gap (null when none).
    /// </summary>
    public List<string>? Deliver(IClientSend sender, HubKind hub, string[] connectionIds, ClientEvent evt, long seq, DateTimeOffset now)
    {
        List<string>? gapped = null;
        lock (_gate)
        {
            foreach (var id in connectionIds)
            {
                // No cursor: the connection's join failed or never happened here. Its next join's reply covers the
                // message; sending it now, out of any order, is what the guarantee rules out.
                if (!_cursors.TryGetValue(id, out var cursor)) continue;
                if (cursor.Joining)
                {
                    Hold(cursor, seq, evt);
                    continue;
                }
                if (seq <= cursor.Delivered) continue;
                if (seq == cursor.Delivered + 1)
                {
                    Send(sender, cursor, evt, seq);
                    cursor.Delivered = seq;
                    if (cursor.Held is { Count: > 0 } && SendHeld(cursor, sender, now)) (gapped ??= []).Add(id);
                    continue;
                }
                Hold(cursor, seq, evt);
                if (cursor.GapSince is null)
                {
                    cursor.GapSince = now;
                    (gapped ??= []).Add(id);
                }
            }
        }
        return gapped;
    }

    /// <summary>Decides what to do about a connection's gap: ask for a fill now and then, or skip it once it is hopeless.</summary>
    public (GapAction Action, SessionLease? Lease) CheckGap(string connectionId, IClientSend sender, DateTimeOffset now, TimeSpan fillEvery, TimeSpan skipAfter)
    {
        lock (_gate)
        {
            if (!_cursors.TryGetValue(connectionId, out var cursor) || cursor.GapSince is not { } since || cursor.Joining) return (GapAction.None, null);
            if (now - since > skipAfter)
            {
                foreach (var (seq, evt) in cursor.Held!)
                {
                    Send(sender, cursor, evt, seq);
                    cursor.Delivered = seq;
                }
                cursor.Held = null;
                cursor.GapSince = null;
                return (GapAction.Skipped, null);
            }
            // Reordering in flight resolves itself within the first interval; only then ask, and not more often.
            if (now - since < fillEvery || now - cursor.LastFillAt < fillEvery) return (GapAction.None, null);
            cursor.LastFillAt = now;
            return (GapAction.Fill, LeaseOf(cursor));
        }
    }

    public bool HasGap(string connectionId)
    {
        lock (_gate) return _cursors.TryGetValue(connectionId, out var cursor) && cursor.GapSince is not null;
    }

    /// <summary>The leases of every connection that has joined (not those still on their first join), with their cursors.</summary>
    public SessionLease[] Leases()
    {
        lock (_gate) return _cursors.Values.Where(c => c.Started).Select(LeaseOf).ToArray();
    }

    private static SessionLease LeaseOf(Cursor cursor) => new(cursor.Connection.Caller, cursor.Connection.Ref, cursor.Delivered);

    private static void Hold(Cursor cursor, long seq, ClientEvent evt)
    {
        if (seq <= cursor.Delivered && !cursor.Joining) return;
        cursor.Held ??= [];
        if (cursor.Held.Count >= MaxHeld) cursor.Held.Remove(cursor.Held.Keys.Last());
        cursor.Held.TryAdd(seq, evt);
    }

    /// <summary>Sends held messages that now follow the cursor; returns true when a gap remains.</summary>
    private static bool SendHeld(Cursor cursor, IClientSend sender, DateTimeOffset now)
    {
        if (cursor.Held is not { } held) return false;
        foreach (var stale in held.Keys.TakeWhile(s => s <= cursor.Delivered).ToList()) held.Remove(stale);
        while (held.Remove(cursor.Delivered + 1, out var next))
        {
            Send(sender, cursor, next, cursor.Delivered + 1);
            cursor.Delivered++;
        }
        if (held.Count == 0)
        {
            cursor.Held = null;
            cursor.GapSince = null;
            return false;
        }
        cursor.GapSince ??= now;
        return true;
    }

    /// <summary>
    /// The connection was acknowledged message <paramref name="seq"/>, which it sent: should the message still reach
    /// this feed later (a fill after the session moved, which no longer knows who sent it), it is passed over.
    /// </summary>
    public void Acked(string connectionId, long seq)
    {
        lock (_gate)
        {
            if (_cursors.TryGetValue(connectionId, out var cursor) && seq > cursor.Delivered) (cursor.OwnAhead ??= []).Add(seq);
        }
    }

    /// <summary>
    /// Sends message <paramref name="seq"/>, unless the connection has it from its own acknowledgement (the event
    /// leaves it out, or the hub said so) or may not read it (a staff-only entry on a visitor's connection,
    /// <see cref="MessageAudience"/>): its cursor moves on either way, so a visitor's feed has no gap to wait on.
    /// </summary>
    private static void Send(IClientSend sender, Cursor cursor, ClientEvent evt, long seq)
    {
        var own = evt.ExceptConnectionId == cursor.Connection.Id;
        if (cursor.OwnAhead is { } ahead) own |= PassOwn(cursor, ahead, seq);
        var hidden = evt.Payload is ChatMessage message && !MessageAudience.MayRead(cursor.Connection.Caller, message);
        if (!own && !hidden) sender.Send(cursor.Connection.Ref.Hub, cursor.Connection.Id, evt);
    }

    /// <summary>
    /// True when the connection holds <paramref name="seq"/> from its acknowledgement; forgets it and older ones.
    /// A method of its own so that the closure is made only when there is something ahead, not on every send.
    /// </summary>
    private static bool PassOwn(Cursor cursor, SortedSet<long> ahead, long seq)
    {
        var own = ahead.Remove(seq);
        ahead.RemoveWhere(s => s < seq);
        if (ahead.Count == 0) cursor.OwnAhead = null;
        return own;
    }
}
