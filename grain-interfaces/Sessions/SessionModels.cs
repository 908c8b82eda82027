namespace Engagement;

/// <summary>
/// Lifecycle of an engagement: Requested → Queued → Offered → Active → WrapUp → Closed;
/// Abandoned when the visitor leaves before an agent accepted.
/// </summary>
public enum SessionStatus
{
    Requested = 0,
    Queued = 1,
    Offered = 2,
    Active = 3,
    WrapUp = 4,
    Closed = 5,
    Abandoned = 6,
}

public enum ParticipantRole
{
    Visitor = 0,
    Agent = 1,
    System = 2,
}

public enum MessageKind
{
    /// <summary>Text typed by a participant.</summary>
    Text = 0,
    /// <summary>A transcript event written by the system (joined, left, closed, call started...).</summary>
    Event = 1,
    /// <summary>A supervisor's message to the assigned agent: staff only, never the visitor's (<see cref="MessageAudience"/>).</summary>
    Whisper = 2,
    /// <summary>A transcript event for staff only (supervision started, stopped…), never the visitor's (<see cref="MessageAudience"/>).</summary>
    StaffEvent = 3,
}

/// <summary>
/// Who may read a transcript entry: whispers and staff events are for staff alone. Every path that hands
/// transcript entries to a visitor (live, joins, history, conversation views, mails, webhooks) asks here.
/// </summary>
public static class MessageAudience
{
    /// <summary>Whether entries of this kind are for staff only.</summary>
    public static bool IsStaffOnly(MessageKind kind) => kind is MessageKind.Whisper or MessageKind.StaffEvent;

    /// <summary>Whether <paramref name="caller"/> may read <paramref name="message"/>: staff read everything, anyone else no staff-only entry.</summary>
    public static bool MayRead(Caller caller, ChatMessage message) => caller.IsStaff || !IsStaffOnly(message.Kind);

    /// <summary>
    /// The entries <paramref name="caller"/> may read of those after <paramref name="afterSeq"/>, in their order: staff get
    /// them as they are; anyone else the public ones, chained by <see cref="ChatMessage.PrecededBy"/> from
    /// <paramref name="afterSeq"/> (the last entry the visitor holds, so the first one follows it).
    /// </summary>
    public static ChatMessage[] For(Caller caller, ChatMessage[] messages, long afterSeq)
    {
        if (caller.IsStaff) return messages;
        var visible = new List<ChatMessage>(messages.Length);
        var previous = afterSeq;
        foreach (var m in messages)
        {
            if (IsStaffOnly(m.Kind)) continue;
            visible.Add(m.PrecededBy == previous ? m : m with { PrecededBy = previous });
            previous = m.Seq;
        }
        return [.. visible];
    }

    /// <summary>The entries meant for the customer (a mailed transcript, an export for them): no staff-only entry.</summary>
    public static List<ChatMessage> ForCustomer(IEnumerable<ChatMessage> messages) => messages.Where(m => !IsStaffOnly(m.Kind)).ToList();
}

/// <summary>One transcript entry. <see cref="Seq"/> is dense and increasing per session, starting at 1.</summary>
/// <param name="Attachments">The files sent with it (docs/protocol.md, Attachments); null for none.</param>
/// <param name="PrecededBy">
/// On an entry the visitor reads: the seq of the entry before it that the visitor reads too (0 for none), where the
/// server knows it (live, and in what a visitor joins or pages). A visitor never receives staff-only entries
/// (<see cref="MessageAudience"/>), so its seqs skip theirs: this tells a skip from a loss. Null otherwise.
/// </param>
[GenerateSerializer, Immutable, Alias("engagement.chat-message")]
public sealed record ChatMessage(
    [property: Id(0)] string SessionId,
    [property: Id(1)] long Seq,
    [property: Id(2)] MessageKind Kind,
    [property: Id(3)] string SenderId,
    [property: Id(4)] ParticipantRole SenderRole,
    [property: Id(5)] string SenderName,
    [property: Id(6)] string Text,
    [property: Id(7)] DateTimeOffset At,
    [property: Id(8)] string? ClientMessageId,
    [property: Id(9)] AttachmentView[]? Attachments = null,
    [property: Id(10)] long? PrecededBy = null);

[GenerateSerializer, Immutable, Alias("engagement.participant")]
public sealed record Participant(
    [property: Id(0)] string Id,
    [property: Id(1)] ParticipantRole Role,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] DateTimeOffset JoinedAt,
    [property: Id(4)] DateTimeOffset? LeftAt);

/// <summary>When each lifecycle step happened; the raw material for queue and SLA metrics.</summary>
[GenerateSerializer, Immutable, Alias("engagement.session-timings")]
public sealed record SessionTimings(
    [property: Id(0)] DateTimeOffset RequestedAt,
    [property: Id(1)] DateTimeOffset? QueuedAt = null,
    [property: Id(2)] DateTimeOffset? FirstOfferedAt = null,
    [property: Id(3)] DateTimeOffset? AcceptedAt = null,
    [property: Id(4)] DateTimeOffset? FirstAgentReplyAt = null,
    [property: Id(5)] DateTimeOffset? WrapUpAt = null,
    [property: Id(6)] DateTimeOffset? ClosedAt = null,
    [property: Id(7)] DateTimeOffset? AbandonedAt = null);

/// <summary>What a client sees of a session.</summary>
/// <param name="Sla">The SLA clocks (staff only; null for the visitor and for a queue without an SLA policy).</param>
[GenerateSerializer, Immutable, Alias("engagement.session-view")]
public sealed record SessionView(
    [property: Id(0)] string SessionId,
    [property: Id(1)] SessionStatus Status,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] string QueueId,
    [property: Id(4)] string? Topic,
    [property: Id(5)] string[] RequiredSkills,
    [property: Id(6)] Participant[] Participants,
    [property: Id(7)] SessionTimings Timings,
    [property: Id(8)] long LastSeq,
    [property: Id(9)] string? AssignedAgentId,
    [property: Id(10)] string? Outcome,
    [property: Id(11)] string Channel,
    [property: Id(12)] string? PreferredAgentId = null,
    [property: Id(13)] SessionRating? Rating = null,
    [property: Id(14)] ReadReceipt[]? Reads = null,
    [property: Id(15)] PendingTransfer? Transfer = null,
    [property: Id(16)] SessionSlaView? Sla = null,
    [property: Id(20)] SessionMember[]? Members = null,
    [property: Id(21)] PendingInvite[]? Invites = null,
    [property: Id(22)] SessionSupervisor[]? Supervisors = null);

/// <summary>A visitor's request to talk to someone.</summary>
/// <param name="QueueId">Queue to wait in.</param>
/// <param name="Topic">What it is about, shown to the agent in the offer.</param>
/// <param name="RequiredSkills">Skills the agent must have; empty means the queue's own skills.</param>
/// <param name="Channel">Channel the session runs on ("web" for the widget).</param>
/// <param name="AgentId">A specific representative the visitor chose: only they are offered the session.</param>
/// <param name="InvitationId">The invitation (agent or rule) the visitor accepted, if any.</param>
/// <param name="RequestId">The client's idempotency key: repeating StartSession with the same key reaches the same session.</param>
/// <param name="Form">
/// Answers to the queue's pre-chat form (key → value). The visitor hub checks them against the form and makes them the
/// contact's attributes before the session starts; the session itself keeps none (the hub hands it null).
/// </param>
[GenerateSerializer, Immutable, Alias("engagement.start-session")]
public sealed record StartSessionRequest(
    [property: Id(0)] string QueueId,
    [property: Id(1)] string? Topic = null,
    [property: Id(2)] string[]? RequiredSkills = null,
    [property: Id(3)] string Channel = "web",
    [property: Id(4)] string? AgentId = null,
    [property: Id(5)] string? InvitationId = null,
    [property: Id(6)] string? RequestId = null,
    [property: Id(7)] Dictionary<string, string?>? Form = null);

/// <summary>The answer to a join/resume: the session plus every durable message after the client's last sequence number.</summary>
/// <param name="HasMore">True when more messages were missed than one reply carries; page with ReadTranscript up to <paramref name="UpToSeq"/>.</param>
/// <param name="UpToSeq">
/// The reply (with paging, when <paramref name="HasMore"/>) covers the transcript up to this seq; live
/// <c>message</c> events on the joining connection continue from the next one.
/// </param>
[GenerateSerializer, Immutable, Alias("engagement.join-result")]
public sealed record JoinResult(
    [property: Id(0)] SessionView Session,
    [property: Id(1)] ChatMessage[] Missed,
    [property: Id(2)] bool HasMore,
    [property: Id(3)] long UpToSeq);

/// <summary>Acknowledges a message once it is durable.</summary>
/// <param name="Duplicate">True when the client message id had already been stored: the original sequence number is returned and nothing new was written.</param>
/// <param name="Message">
/// The message as stored. The connection that sent it gets it here and not as a <c>message</c> event (one push
/// fewer per message); the sender's other connections get the event.
/// </param>
[GenerateSerializer, Immutable, Alias("engagement.message-ack")]
public sealed record MessageAck(
    [property: Id(0)] string SessionId,
    [property: Id(1)] long Seq,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? ClientMessageId,
    [property: Id(4)] bool Duplicate,
    [property: Id(5)] ChatMessage Message)
{
    /// <summary>The acknowledgement of a stored message.</summary>
    public static MessageAck Of(ChatMessage message, bool duplicate) =>
        new(message.SessionId, message.Seq, message.At, message.ClientMessageId, duplicate, message);
}

/// <summary>Live position of a waiting session, pushed to its visitor. A higher <see cref="Version"/> is newer.</summary>
[GenerateSerializer, Immutable, Alias("engagement.queue-position")]
public sealed record QueuePosition(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string QueueId,
    [property: Id(2)] int Position,
    [property: Id(3)] int Waiting,
    [property: Id(4)] TimeSpan? EstimatedWait,
    [property: Id(5)] long Version = 0,
    [property: Id(6)] bool LeaveMessageOffered = false);

/// <summary>Someone in the session is typing (or stopped).</summary>
[GenerateSerializer, Immutable, Alias("engagement.typing")]
public sealed record TypingNotice(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string ParticipantId,
    [property: Id(2)] ParticipantRole Role,
    [property: Id(3)] bool IsTyping);

/// <summary>Why an offer ended without being accepted.</summary>
public enum OfferEndReason
{
    Declined = 0,
    TimedOut = 1,
    AgentOffline = 2,
    Withdrawn = 3,
}
