using Engagement.Storage;
using Microsoft.Extensions.Logging;

namespace Engagement.Sessions;

/// <summary>The session's transcript: durable sends without gaps, in-order delivery, resume and paging.</summary>
internal sealed partial class SessionGrain
{
    /// <summary>Messages read at once: a join reply's page, a catch-up or reconcile batch.</summary>
    private const int MaxPage = Limits.JoinPage;
    private readonly Dictionary<string, Task<MessageAck>> _inFlight = new(StringComparer.Ordinal);
    private readonly Queue<PendingMessage> _appendQueue = new();
    private bool _appending;
    /// <summary>An append failed without a clear answer: the store may hold more than this activation knows.</summary>
    private bool _storeUncertain;

    private sealed record PendingMessage(MessageKind Kind, string SenderId, ParticipantRole Role, string SenderName, string Text, string? ClientMessageId)
    {
        public TaskCompletionSource<ChatMessage> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async Task<JoinResult> Join(Caller caller, ConnectionRef connection, long afterSeq)
    {
        EnsureVisible(caller);
        if (afterSeq < 0) throw EngagementException.Invalid("afterSeq must be zero or more.");
        // Register first: anything that becomes durable from here on is pushed live; the reply carries the rest.
        _connections.Add(connection, caller);
        AfterListenerReturned(connection.ConnectionId, caller);
        var (missed, hasMore, upTo) = await ReadDurableAsync(afterSeq, MaxPage);
        if (_lastPosition is { } position && IsVisitor(caller) && SessionLifecycle.IsWaiting(S.Status))
            _connections.PushTo(connection.ConnectionId, new ClientEvent(ClientEvents.QueuePosition, position));
        return new JoinResult(ViewFor(caller), missed, hasMore, upTo);
    }

    public Task Detach(string connectionId)
    {
        _connections.Remove(connectionId);
        return Task.CompletedTask;
    }

    public async Task Renew(SessionLease[] leases)
    {
        if (!S.Exists) return;
        foreach (var lease in leases)
        {
            if (!CanSee(lease.Caller)) continue;
            if (_connections.Renew(lease.Connection, lease.Caller)) AfterListenerReturned(lease.Connection.ConnectionId, lease.Caller);
            // Behind (pushes lost with an activation, or a message still in flight, which the router drops as a duplicate).
            if (lease.Cursor < _sequencer.LastDurable && _connections.Contains(lease.Connection.ConnectionId))
                await CatchUpAsync(lease.Connection.ConnectionId, lease.Cursor);
        }
    }

    /// <summary>Sends one connection what it has not been given, in order, a page at a time.</summary>
    private async Task CatchUpAsync(string connectionId, long cursor)
    {
        try
        {
            var (messages, _, _) = await ReadDurableAsync(cursor, MaxPage);
            if (messages.Length > 0)
                logger.LogDebug("Session {SessionId}: connection {ConnectionId} was at seq {Cursor}; sending {Count} message(s) up to {Last}", Id, connectionId, cursor, messages.Length, messages[^1].Seq);
            foreach (var m in messages) _connections.PushTo(connectionId, new ClientEvent(ClientEvents.Message, m));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Session {SessionId}: catching up connection {ConnectionId} failed; its next renewal retries", Id, connectionId);
        }
    }

    public async Task<ChatMessage[]> ReadTranscript(Caller caller, long afterSeq, int limit)
    {
        EnsureVisible(caller);
        if (afterSeq < 0) throw EngagementException.Invalid("afterSeq must be zero or more.");
        var (messages, _, _) = await ReadDurableAsync(afterSeq, Math.Clamp(limit, 1, MaxPage));
        return messages;
    }

    public async Task<MessageAck> Send(Caller caller, string? clientMessageId, string text)
    {
        EnsureVisible(caller);
        var role = RoleForSending(caller);
        text = text?.Trim() ?? "";
        if (text.Length > Limits.MessageText) throw EngagementException.TooLarge($"A message is at most {Limits.MessageText} characters.");
        if (text.Length == 0) throw EngagementException.Invalid("A message is not empty.");
        if (clientMessageId is not null)
        {
            if (_sequencer.TryGetAck(caller.Id, clientMessageId, out var known)) return known;
            var key = caller.Id + "\n" + clientMessageId;
            if (_inFlight.TryGetValue(key, out var pending)) return (await pending) with { Duplicate = true };
            var task = AppendAsync(MessageKind.Text, caller.Id, role, caller.DisplayName ?? role.ToString(), text, clientMessageId);
            _inFlight[key] = task;
            try { return await AfterSendAsync(role, await task); }
            finally { _inFlight.Remove(key); }
        }
        return await AfterSendAsync(role, await AppendAsync(MessageKind.Text, caller.Id, role, caller.DisplayName ?? role.ToString(), text, null));
    }

    public Task Typing(Caller caller, bool isTyping)
    {
        var role = IsVisitor(caller) ? ParticipantRole.Visitor : IsAssignedAgent(caller) ? ParticipantRole.Agent : (ParticipantRole?)null;
        EnsureAllowed(caller, role is not null, "Only the visitor and the assigned agent type in this session.");
        // Typing after the end changes nothing (a widget may still say it stopped).
        if (!SessionLifecycle.IsEnded(S.Status))
            _connections.Push(new ClientEvent(ClientEvents.Typing, new TypingNotice(Id, caller.Id, role!.Value, isTyping)), c => c.Id != caller.Id);
        return Task.CompletedTask;
    }

    private ParticipantRole RoleForSending(Caller caller)
    {
        if (IsVisitor(caller))
        {
            if (!SessionLifecycle.VisitorMaySend(S.Status)) throw EngagementException.Conflict($"The session is {S.Status.ToString().ToLowerInvariant()}; it takes no more messages.");
            return ParticipantRole.Visitor;
        }
        if (IsAssignedAgent(caller))
        {
            if (!SessionLifecycle.AgentMaySend(S.Status)) throw EngagementException.Conflict($"The session is {S.Status.ToString().ToLowerInvariant()}; it takes no more messages.");
            return ParticipantRole.Agent;
        }
        throw EngagementException.Forbidden("Only the visitor and the assigned agent can write in this session.");
    }

    private async Task<MessageAck> AfterSendAsync(ParticipantRole role, MessageAck ack)
    {
        if (role == ParticipantRole.Agent && S.Timings.FirstAgentReplyAt is null)
        {
            S.Timings = S.Timings with { FirstAgentReplyAt = ack.At };
            ReportFirstResponse(ack.At);
            await _writer.WriteAsync();
        }
        return ack;
    }

    private Task AppendEventAsync(string text) => AppendAsync(MessageKind.Event, "system", ParticipantRole.System, "Engagement", text, null);

    /// <summary>Queues a message for the append loop and completes once it is durable.</summary>
    private async Task<MessageAck> AppendAsync(MessageKind kind, string senderId, ParticipantRole role, string senderName, string text, string? clientMessageId)
    {
        var pending = new PendingMessage(kind, senderId, role, senderName, text, clientMessageId);
        _appendQueue.Enqueue(pending);
        if (!_appending) AppendLoopAsync().Ignore();
        var message = await pending.Stored.Task;
        return new MessageAck(Id, message.Seq, message.At, clientMessageId, Duplicate: false);
    }

    /// <summary>
    /// Appends queued messages one at a time: each takes the next seq only once the previous one is durable,
    /// so a failure never leaves a gap. Messages of one session rarely overlap; those that do wait one commit.
    /// </summary>
    private async Task AppendLoopAsync()
    {
        _appending = true;
        try
        {
            while (_appendQueue.TryDequeue(out var pending))
            {
                try
                {
                    pending.Stored.SetResult(await StoreAsync(pending));
                }
                catch (Exception e)
                {
                    _storeUncertain = true;
                    logger.LogError(e, "Storing a message of session {SessionId} failed", Id);
                    pending.Stored.SetException(new EngagementException(ErrorCodes.Unavailable, "The message could not be stored; send it again."));
                }
            }
        }
        finally
        {
            _appending = false;
        }
    }

    private async Task<ChatMessage> StoreAsync(PendingMessage p)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (_storeUncertain) await ReconcileAsync();
            var message = new ChatMessage(Id, _sequencer.NextSeq, p.Kind, p.SenderId, p.Role, p.SenderName, p.Text, Now, p.ClientMessageId);
            try
            {
                await transcript.AppendAsync(message);
            }
            catch (DuplicateTranscriptEntryException) when (attempt == 1)
            {
                // The seq is taken: a commit whose answer was lost, or another activation. Learn it and go again.
                _storeUncertain = true;
                continue;
            }
            _sequencer.Committed(message);
            Deliver(message);
            return message;
        }
    }

    /// <summary>Reads what the store holds beyond this activation's knowledge, and delivers it.</summary>
    private async Task ReconcileAsync()
    {
        var stored = await transcript.ReadAsync(Id, _sequencer.LastDurable, MaxPage);
        foreach (var m in _sequencer.Adopt(stored)) Deliver(m);
        _storeUncertain = stored.Count == MaxPage;
    }

    private void Deliver(ChatMessage message) => _connections.Push(new ClientEvent(ClientEvents.Message, message));

    private async Task<(ChatMessage[] Messages, bool HasMore, long UpTo)> ReadDurableAsync(long afterSeq, int limit)
    {
        var upTo = _sequencer.LastDurable;
        if (!_sequencer.TryReadTail(afterSeq, out var messages))
            messages = (await transcript.ReadAsync(Id, afterSeq, limit + 1)).Where(m => m.Seq <= upTo).ToList();
        var hasMore = messages.Count > limit;
        return (messages.Take(limit).ToArray(), hasMore, upTo);
    }
}
