using Engagement.Realtime;
using Microsoft.Extensions.Logging;

namespace Engagement.Sessions;

/// <summary>
/// The conversation as its participants hold it: joins and lease renewals (each connection is brought up to the
/// transcript's end), paging, sends (idempotent per client message id), typing and read receipts.
/// </summary>
internal sealed class SessionConversation(
    SessionCore core,
    CallSignaling callSignaling,
    SessionRouting routing,
    SessionFeedback feedback,
    SessionSla sla,
    ILogger logger)
{
    private readonly Dictionary<(string SenderId, string ClientMessageId), Task<MessageAck>> _inFlight = new();

    private SessionState S => core.S;

    public async Task<JoinResult> Join(Caller caller, ConnectionRef connection, long afterSeq)
    {
        core.EnsureVisible(caller);
        if (afterSeq < 0) throw EngagementException.Invalid("afterSeq must be zero or more.");
        // Register first: anything that becomes durable from here on is pushed live; the reply carries the rest.
        core.Connections.Add(connection, caller);
        callSignaling.AfterListenerReturned(connection.ConnectionId, caller);
        var (missed, hasMore, upTo) = await core.Transcript.ReadAsync(afterSeq, SessionTranscript.MaxPage);
        routing.SendPositionTo(connection.ConnectionId, caller);
        // Live delivery leaves staff-only entries out for the visitor too (SessionFeed); upTo still covers them.
        return new JoinResult(core.ViewFor(caller), MessageAudience.For(caller, missed, afterSeq), hasMore, upTo);
    }

    public Task Detach(string connectionId)
    {
        core.Connections.Remove(connectionId);
        return Task.CompletedTask;
    }

    public async Task Renew(SessionLease[] leases)
    {
        if (!S.Exists) return;
        foreach (var lease in leases)
        {
            if (!core.CanSee(lease.Caller)) continue;
            if (core.Connections.Renew(lease.Connection, lease.Caller)) callSignaling.AfterListenerReturned(lease.Connection.ConnectionId, lease.Caller);
            // Behind (pushes lost with an activation, or a message still in flight, which the router drops as a duplicate).
            if (lease.Cursor < core.Transcript.LastDurable && core.Connections.Contains(lease.Connection.ConnectionId))
                await CatchUpAsync(lease.Connection.ConnectionId, lease.Cursor);
        }
    }

    public async Task<ChatMessage[]> ReadTranscript(Caller caller, long afterSeq, int limit)
    {
        core.EnsureVisible(caller);
        if (afterSeq < 0) throw EngagementException.Invalid("afterSeq must be zero or more.");
        var (messages, _, _) = await core.Transcript.ReadAsync(afterSeq, Math.Clamp(limit, 1, SessionTranscript.MaxPage));
        return MessageAudience.For(caller, messages, afterSeq);
    }

    public async Task<MessageAck> Send(Caller caller, string? clientMessageId, string text, string? senderConnectionId, AttachmentView[]? attachments)
    {
        core.EnsureVisible(caller);
        var role = RoleForSending(caller);
        var ack = await AppendOnceAsync(MessageKind.Text, caller, role, clientMessageId, text, senderConnectionId, attachments);
        // A supervisor who barged in writes as staff, but the first reply and the SLA clocks are the conversation's own.
        return core.IsVisitor(caller) || core.IsConversingAgent(caller) ? await AfterSendAsync(role, ack) : ack;
    }

    /// <summary>
    /// Appends a message of the caller once per <paramref name="clientMessageId"/>: a resend, or one racing the first,
    /// gets the first one's acknowledgement. The caller's right to write it is checked before.
    /// </summary>
    public async Task<MessageAck> AppendOnceAsync(
        MessageKind kind, Caller caller, ParticipantRole role, string? clientMessageId, string text, string? senderConnectionId, AttachmentView[]? attachments = null)
    {
        var name = caller.DisplayName ?? role.ToString();
        if (clientMessageId is null)
            return await core.Transcript.AppendAsync(kind, caller.Id, role, name, text, null, senderConnectionId, attachments);
        if (await core.Transcript.FindAckAsync(caller.Id, clientMessageId) is { } known) return known;
        var key = (caller.Id, clientMessageId);
        if (_inFlight.TryGetValue(key, out var pending)) return (await pending) with { Duplicate = true };
        var task = core.Transcript.AppendAsync(kind, caller.Id, role, name, text, clientMessageId, senderConnectionId, attachments);
        _inFlight[key] = task;
        try { return await task; }
        finally { _inFlight.Remove(key); }
    }

    public Task Typing(Caller caller, bool isTyping)
    {
        var role = core.IsVisitor(caller) ? ParticipantRole.Visitor
            : core.IsConversingAgent(caller) || SessionAccess.HasBargedIn(S, caller) ? ParticipantRole.Agent : (ParticipantRole?)null;
        // Supervisors who monitor or whisper are not seen: they do not type here.
        core.EnsureAllowed(caller, role is not null, "Only the visitor, the agents in the conversation and a supervisor who barged in type in this session.");
        // Typing after the end changes nothing (a widget may still say it stopped).
        if (!SessionLifecycle.IsEnded(S.Status))
            core.Connections.Push(ClientEvent.Typing(new TypingNotice(core.Id, caller.Id, role!.Value, isTyping)), c => c.Id != caller.Id);
        return Task.CompletedTask;
    }

    public async Task MarkRead(Caller caller, long seq)
    {
        core.EnsureVisible(caller);
        var visitor = core.IsVisitor(caller);
        if (!visitor && !core.IsConversingAgent(caller)) return; // supervisors watching and offered agents leave no read receipts
        var key = visitor ? SessionCore.VisitorReadKey : caller.Id;
        seq = Math.Min(seq, core.Transcript.LastDurable);
        if (seq <= S.ReadUpTo.GetValueOrDefault(key)) return;
        S.ReadUpTo[key] = seq;
        // Everyone in the session sees it: the other side, and the reader's own other tabs (no longer unread there).
        core.Connections.Push(ClientEvent.Read(core.ReceiptOf(key, seq)));
        await core.Writer.WriteAsync();
    }

    /// <summary>Sends one connection what it has not been given, in order, a page at a time.</summary>
    private async Task CatchUpAsync(string connectionId, long cursor)
    {
        try
        {
            var (messages, _, _) = await core.Transcript.ReadAsync(cursor, SessionTranscript.MaxPage);
            if (messages.Length > 0)
                logger.LogDebug("Session {SessionId}: connection {ConnectionId} was at seq {Cursor}; sending {Count} message(s) up to {Last}", core.Id, connectionId, cursor, messages.Length, messages[^1].Seq);
            foreach (var m in messages) core.Connections.PushTo(connectionId, ClientEvent.Message(m));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Session {SessionId}: catching up connection {ConnectionId} failed; its next renewal retries", core.Id, connectionId);
        }
    }

    private ParticipantRole RoleForSending(Caller caller)
    {
        if (core.IsVisitor(caller))
        {
            if (!SessionLifecycle.VisitorMaySend(S.Status)) throw EngagementException.Conflict($"The session is {S.Status.ToString().ToLowerInvariant()}; it takes no more messages.");
            return ParticipantRole.Visitor;
        }
        if (core.IsConversingAgent(caller) || SessionAccess.HasBargedIn(S, caller))
        {
            if (!SessionLifecycle.AgentMaySend(S.Status)) throw EngagementException.Conflict($"The session is {S.Status.ToString().ToLowerInvariant()}; it takes no more messages.");
            return ParticipantRole.Agent;
        }
        throw EngagementException.Forbidden("Only the visitor, the agents in the conversation and a supervisor who barged in can write in this session.");
    }

    /// <summary>
    /// The assigned agent's first durable message is the session's first reply: recorded and reported once. Every new
    /// message moves the SLA clocks (<see cref="SessionSla"/>).
    /// </summary>
    /// <remarks>A value task: a message that changes nothing completes it at once, with nothing allocated.</remarks>
    private ValueTask<MessageAck> AfterSendAsync(ParticipantRole role, MessageAck ack)
    {
        if (role == ParticipantRole.Agent && S.Timings.FirstAgentReplyAt is null) return new(RecordFirstReplyAsync(ack));
        if (ack.Duplicate) return new(ack);
        var clocks = sla.MessageStoredAsync(role, ack.At);
        return clocks.IsCompletedSuccessfully ? new(ack) : new(AfterClocksAsync(clocks, ack));
    }

    private static async Task<MessageAck> AfterClocksAsync(Task clocks, MessageAck ack)
    {
        await clocks;
        return ack;
    }

    private async Task<MessageAck> RecordFirstReplyAsync(MessageAck ack)
    {
        S.Timings = S.Timings with { FirstAgentReplyAt = ack.At };
        feedback.ReportFirstResponse(ack.At);
        await sla.MessageStoredAsync(ParticipantRole.Agent, ack.At);
        await core.Writer.WriteAsync();
        return ack;
    }
}
