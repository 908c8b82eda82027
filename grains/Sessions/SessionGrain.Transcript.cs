using Engagement.Connections;
using Microsoft.Extensions.Logging;

namespace Engagement.Sessions;

/// <summary>The session's transcript: durable sends, in-order delivery, resume and paging.</summary>
internal sealed partial class SessionGrain
{
    public const int MaxTextLength = 4_000;
    public const int MaxPage = 500;
    private readonly Dictionary<string, Task<MessageAck>> _inFlight = new(StringComparer.Ordinal);

    public async Task<JoinResult> Join(Caller caller, ConnectionRef connection, long afterSeq)
    {
        EnsureCanRead(caller);
        if (afterSeq < 0) throw EngagementException.Invalid("afterSeq must be zero or more.");
        _connections.Expire(Now, TimeSpan.FromDays(1), ClusterLiveness.From(membership));
        // Register first: anything that becomes durable from here on is pushed live; the reply carries the rest.
        _connections.Add(connection, caller, Now);
        var (missed, hasMore) = await ReadDurableAsync(afterSeq, MaxPage);
        if (_lastPosition is { } position && IsVisitor(caller) && SessionLifecycle.IsWaiting(S.Status))
            _connections.PushTo(connection.ConnectionId, new ClientEvent(ClientEvents.QueuePosition, position));
        return new JoinResult(View(), missed, hasMore);
    }

    public Task Detach(string connectionId)
    {
        _connections.Remove(connectionId);
        return Task.CompletedTask;
    }

    public async Task<ChatMessage[]> ReadTranscript(Caller caller, long afterSeq, int limit)
    {
        EnsureCanRead(caller);
        if (afterSeq < 0) throw EngagementException.Invalid("afterSeq must be zero or more.");
        var (messages, _) = await ReadDurableAsync(afterSeq, Math.Clamp(limit, 1, MaxPage));
        return messages;
    }

    public async Task<MessageAck> Send(Caller caller, string? clientMessageId, string text)
    {
        EnsureExists();
        var role = RoleForSending(caller);
        text = text?.Trim() ?? "";
        if (text.Length is 0 or > MaxTextLength) throw EngagementException.Invalid($"A message is 1 to {MaxTextLength} characters.");
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
        if (!S.Exists || SessionLifecycle.IsEnded(S.Status)) return Task.CompletedTask;
        var role = IsVisitor(caller) ? ParticipantRole.Visitor : IsAssignedAgent(caller) ? ParticipantRole.Agent : (ParticipantRole?)null;
        if (role is { } r)
            _connections.Push(new ClientEvent(ClientEvents.Typing, new TypingNotice(Id, caller.Id, r, isTyping)), c => c.Id != caller.Id);
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
        EnsureCanRead(caller); // strangers get not-found
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

    /// <summary>Assigns the next seq, waits for durability, then releases everything now deliverable, in order.</summary>
    private async Task<MessageAck> AppendAsync(MessageKind kind, string senderId, ParticipantRole role, string senderName, string text, string? clientMessageId)
    {
        var seq = _sequencer.Next();
        var message = new ChatMessage(Id, seq, kind, senderId, role, senderName, text, Now, clientMessageId);
        try
        {
            await transcript.AppendAsync(message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Storing message {Seq} of session {SessionId} failed", seq, Id);
            Deliver(_sequencer.Complete(seq, null));
            throw new EngagementException(ErrorCodes.Unavailable, "The message could not be stored; send it again.");
        }
        Deliver(_sequencer.Complete(seq, message));
        return new MessageAck(Id, seq, message.At, clientMessageId, Duplicate: false);
    }

    private void Deliver(List<ChatMessage> ready)
    {
        foreach (var m in ready) _connections.Push(new ClientEvent(ClientEvents.Message, m));
    }

    private async Task<(ChatMessage[] Messages, bool HasMore)> ReadDurableAsync(long afterSeq, int limit)
    {
        var upTo = _sequencer.LastDurable;
        if (!_sequencer.TryReadTail(afterSeq, out var messages))
            messages = (await transcript.ReadAsync(Id, afterSeq, limit + 1)).Where(m => m.Seq <= upTo).ToList();
        var hasMore = messages.Count > limit;
        return (messages.Take(limit).ToArray(), hasMore);
    }
}
