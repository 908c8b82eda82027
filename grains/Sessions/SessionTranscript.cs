using System.Diagnostics;
using Engagement.Realtime;
using Engagement.Storage;
using Microsoft.Extensions.Logging;

namespace Engagement.Sessions;

/// <summary>
/// A session's transcript as its grain keeps it: the append loop, which stores one message at a time (each takes
/// the next seq only once the one before is durable, so a failure never leaves a gap), the delivery of every
/// durable message to the session's connections, and reads from the cached tail or the store. It knows nothing of
/// the session's lifecycle: who may write what is decided before a message gets here.
/// </summary>
internal sealed class SessionTranscript(
    string sessionId,
    ITranscriptStore store,
    Listeners<Caller> connections,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary>Messages read at once: a join reply's page, a catch-up or reconcile batch.</summary>
    public const int MaxPage = Limits.JoinPage;
    private readonly Queue<PendingMessage> _appendQueue = new();
    private TranscriptSequencer _sequencer = new([]);
    private bool _appending;
    /// <summary>An append failed without a clear answer: the store may hold more than this activation knows.</summary>
    private bool _storeUncertain;
    /// <summary>The last entry a visitor reads (not staff-only): the next such entry's <see cref="ChatMessage.PrecededBy"/>.</summary>
    private long _lastPublic;

    /// <summary>A message queued for the append loop; its task completes with the acknowledgement once it is durable.</summary>
    /// <remarks>Itself the completion source, so a send costs one object here (docs/benchmarks.md, "Allocations per message").</remarks>
    private sealed class PendingMessage(
        MessageKind kind, string senderId, ParticipantRole role, string senderName, string text, string? clientMessageId, string? senderConnectionId,
        AttachmentView[]? attachments)
        : TaskCompletionSource<MessageAck>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public MessageKind Kind { get; } = kind;
        public string SenderId { get; } = senderId;
        public ParticipantRole Role { get; } = role;
        public string SenderName { get; } = senderName;
        public string Text { get; } = text;
        public string? ClientMessageId { get; } = clientMessageId;
        public string? SenderConnectionId { get; } = senderConnectionId;
        public AttachmentView[]? Attachments { get; } = attachments;
        public long QueuedAt { get; } = Stopwatch.GetTimestamp();
        /// <summary>The span of the call that sent it (null untraced): its write belongs to that trace, not to the loop's first caller's.</summary>
        public Activity? Caller { get; } = Activity.Current;
    }

    /// <summary>Highest durable seq: every message up to it is stored.</summary>
    public long LastDurable => _sequencer.LastDurable;

    /// <summary>On activation: the stored tail, for cheap resumes and the client message ids it remembers.</summary>
    public async Task LoadAsync(bool sessionExists, CancellationToken cancellationToken)
    {
        var tail = sessionExists ? await store.ReadTailAsync(sessionId, 200, cancellationToken) : [];
        _sequencer = new TranscriptSequencer(tail);
        _lastPublic = LastPublicOf(tail, 0);
    }

    private static long LastPublicOf(IEnumerable<ChatMessage> messages, long before) =>
        messages.LastOrDefault(m => !MessageAudience.IsStaffOnly(m.Kind))?.Seq ?? before;

    /// <summary>
    /// The acknowledgement of a message already stored with this client message id (<c>duplicate</c>), or null when
    /// none is remembered. The message comes from the cached tail, or from the store when it is older.
    /// </summary>
    public Task<MessageAck?> FindAckAsync(string senderId, string clientMessageId) =>
        // Most sends are new: they cost no state machine and no closure.
        _sequencer.TryGetAckedSeq(senderId, clientMessageId, out var seq) ? FindStoredAckAsync(seq) : NoAck;

    private static readonly Task<MessageAck?> NoAck = Task.FromResult<MessageAck?>(null);

    private async Task<MessageAck?> FindStoredAckAsync(long seq)
    {
        IReadOnlyList<ChatMessage> found = _sequencer.TryReadTail(seq - 1, out var cached) ? cached : await store.ReadAsync(sessionId, seq - 1, 1);
        return found.FirstOrDefault(m => m.Seq == seq) is { } message ? MessageAck.Of(message, duplicate: true) : null;
    }

    /// <summary>A line written by the system (joined, left, closed, the call…).</summary>
    public Task AppendEventAsync(string text) => AppendAsync(MessageKind.Event, "system", ParticipantRole.System, "Engagement", text, null, null);

    /// <summary>A line written by the system for staff only (supervision); visitors never receive it (<see cref="MessageAudience"/>).</summary>
    public Task AppendStaffEventAsync(string text) => AppendAsync(MessageKind.StaffEvent, "system", ParticipantRole.System, "Engagement", text, null, null);

    /// <summary>
    /// Queues a message for the append loop and completes once it is durable. <paramref name="senderConnectionId"/>
    /// gets it in the acknowledgement, so its delivery leaves that connection out.
    /// </summary>
    public Task<MessageAck> AppendAsync(
        MessageKind kind, string senderId, ParticipantRole role, string senderName, string text, string? clientMessageId, string? senderConnectionId,
        AttachmentView[]? attachments = null)
    {
        var pending = new PendingMessage(kind, senderId, role, senderName, text, clientMessageId, senderConnectionId, attachments);
        _appendQueue.Enqueue(pending);
        // Not Ignore(): that hangs a continuation on every loop, and this one never faults (it catches per message).
        if (!_appending) _ = AppendLoopAsync();
        return pending.Task;
    }

    /// <summary>
    /// Durable messages after <paramref name="afterSeq"/>, at most <paramref name="limit"/>, up to the seq that was
    /// durable when asked (<c>UpTo</c>); <c>HasMore</c> when more than the limit lies in between.
    /// </summary>
    public async Task<(ChatMessage[] Messages, bool HasMore, long UpTo)> ReadAsync(long afterSeq, int limit)
    {
        var upTo = _sequencer.LastDurable;
        if (!_sequencer.TryReadTail(afterSeq, out var messages))
            messages = (await store.ReadAsync(sessionId, afterSeq, limit + 1)).Where(m => m.Seq <= upTo).ToList();
        var hasMore = messages.Count > limit;
        return (messages.Take(limit).ToArray(), hasMore, upTo);
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
                ChatMetrics.AppendQueue.Record(Stopwatch.GetElapsedTime(pending.QueuedAt).TotalMilliseconds);
                Activity.Current = pending.Caller is { IsStopped: false } caller ? caller : null; // this loop's own flow only
                try
                {
                    pending.SetResult(MessageAck.Of(await StoreAsync(pending), duplicate: false));
                }
                catch (Exception e)
                {
                    _storeUncertain = true;
                    logger.LogError(e, "Storing a message of session {SessionId} failed", sessionId);
                    pending.SetException(new EngagementException(ErrorCodes.Unavailable, "The message could not be stored; send it again."));
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
            var staffOnly = MessageAudience.IsStaffOnly(p.Kind);
            var message = new ChatMessage(sessionId, _sequencer.NextSeq, p.Kind, p.SenderId, p.Role, p.SenderName, p.Text, clock.GetUtcNow(), p.ClientMessageId, p.Attachments,
                staffOnly ? null : _lastPublic);
            var storing = Stopwatch.GetTimestamp();
            try
            {
                await store.AppendAsync(message);
            }
            catch (DuplicateTranscriptEntryException) when (attempt == 1)
            {
                // The seq is taken: a commit whose answer was lost, or another activation. Learn it and go again.
                _storeUncertain = true;
                continue;
            }
            ChatMetrics.Store.Record(Stopwatch.GetElapsedTime(storing).TotalMilliseconds);
            _sequencer.Committed(message);
            if (!staffOnly) _lastPublic = message.Seq;
            var delivering = Stopwatch.GetTimestamp();
            Deliver(message, p.SenderConnectionId);
            ChatMetrics.Deliver.Record(Stopwatch.GetElapsedTime(delivering).TotalMilliseconds);
            return message;
        }
    }

    /// <summary>Reads what the store holds beyond this activation's knowledge, and delivers it.</summary>
    private async Task ReconcileAsync()
    {
        var stored = await store.ReadAsync(sessionId, _sequencer.LastDurable, MaxPage);
        var adopted = _sequencer.Adopt(stored);
        _lastPublic = LastPublicOf(adopted, _lastPublic);
        foreach (var m in adopted) Deliver(m, exceptConnectionId: null);
        _storeUncertain = stored.Count == MaxPage;
    }

    private void Deliver(ChatMessage message, string? exceptConnectionId) => connections.Push(ClientEvent.Message(message).Except(exceptConnectionId));
}
