namespace Engagement;

/// <summary>
/// Where a conversation stands. A new customer message makes any status <see cref="Open"/> again; a snooze ends by
/// itself at its time.
/// </summary>
public enum ConversationStatus
{
    /// <summary>Needs the team: new, or the customer wrote last.</summary>
    Open = 0,
    /// <summary>Waiting on the customer.</summary>
    Pending = 1,
    /// <summary>Put aside until <see cref="ConversationView.SnoozedUntil"/>, then open again.</summary>
    Snoozed = 2,
    /// <summary>Done; the customer writing again reopens it.</summary>
    Resolved = 3,
}

/// <summary>The channels a conversation can start on (its messages may come by others later, e.g. an email reply).</summary>
public static class ConversationChannels
{
    /// <summary>The website widget: a live chat, or a message left while nobody could answer.</summary>
    public const string Web = "web";
    /// <summary>Mail to a queue's address.</summary>
    public const string Email = "email";
    /// <summary>An API channel (SMS, WhatsApp, social, bots) posting through REST.</summary>
    public const string Api = "api";
}

/// <summary>
/// A lasting conversation with one contact: live chat sessions are episodes inside it, and messages left, mailed or
/// posted between them are its own transcript. Staff see every field; a visitor gets it without labels.
/// </summary>
/// <param name="ContactId">The customer (contact) it belongs to.</param>
/// <param name="QueueId">The queue (team inbox) it belongs to.</param>
/// <param name="AssigneeId">The agent it is assigned to, if any.</param>
/// <param name="SessionIds">Its live chat sessions (episodes), oldest first.</param>
/// <param name="LiveSessionId">The episode running now (waiting or active), if any.</param>
/// <param name="AwaitingReply">True when the customer wrote last and nobody on the team has answered since.</param>
/// <param name="LastSeq">The highest seq of the conversation's own transcript (episodes have their own).</param>
/// <param name="Version">Grows with every change; ignore a view older than the one shown.</param>
/// <param name="ApiChannelId">The API channel it came through (channel "api"); its customer messages come only from there.</param>
[GenerateSerializer, Immutable, Alias("engagement.conversation-view")]
public sealed record ConversationView(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string ContactId,
    [property: Id(2)] string QueueId,
    [property: Id(3)] string Channel,
    [property: Id(4)] string? Subject,
    [property: Id(5)] ConversationStatus Status,
    [property: Id(6)] DateTimeOffset? SnoozedUntil,
    [property: Id(7)] string? AssigneeId,
    [property: Id(8)] string[] Labels,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset LastActivityAt,
    [property: Id(11)] string? Preview,
    [property: Id(12)] string[] SessionIds,
    [property: Id(13)] string? LiveSessionId,
    [property: Id(14)] string? ContactName,
    [property: Id(15)] string? ContactEmail,
    [property: Id(16)] bool AwaitingReply,
    [property: Id(17)] long LastSeq,
    [property: Id(18)] long Version,
    [property: Id(19)] string? ApiChannelId = null);

/// <summary>
/// A conversation with its messages: its own transcript and its episodes' transcripts, merged by time (oldest first).
/// Each message's <see cref="ChatMessage.SessionId"/> says which transcript it is from: the conversation's id, or an
/// episode's session id.
/// </summary>
/// <param name="Truncated">True when older messages were left out (the thread keeps the newest <see cref="Limits.ThreadMessages"/>).</param>
[GenerateSerializer, Immutable, Alias("engagement.conversation-thread")]
public sealed record ConversationThread(
    [property: Id(0)] ConversationView Conversation,
    [property: Id(1)] ChatMessage[] Messages,
    [property: Id(2)] bool Truncated);

/// <summary>
/// A private note on a conversation, written by staff for staff: never shown to its contact (not in the thread, its
/// events, webhooks or mail). Kept in the conversation's state, oldest first.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.conversation-note")]
public sealed record ConversationNote(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string AuthorId,
    [property: Id(2)] string AuthorName,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset At);

/// <summary>
/// A whole conversation for staff (the export): every message of its own transcript and its episodes, merged by time
/// (oldest first), and its private notes, oldest first.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.conversation-export")]
public sealed record ConversationExport(
    [property: Id(0)] ConversationView Conversation,
    [property: Id(1)] ChatMessage[] Messages,
    [property: Id(2)] ConversationNote[] Notes);

/// <summary>What starts a conversation outside a live chat: a message left in the widget, an email, an API channel post.</summary>
/// <param name="ContactName">The name the customer gave, if any.</param>
/// <param name="ContactEmail">Where replies go by email when the customer is not on the site.</param>
[GenerateSerializer, Immutable, Alias("engagement.new-conversation")]
public sealed record NewConversation(
    [property: Id(0)] string ContactId,
    [property: Id(1)] string QueueId,
    [property: Id(2)] string Channel,
    [property: Id(3)] string? Subject,
    [property: Id(4)] string? ContactName,
    [property: Id(5)] string? ContactEmail,
    [property: Id(6)] string? ApiChannelId = null);

/// <summary>A conversation's message and the conversation after it (the sender's acknowledgement).</summary>
/// <param name="Duplicate">True when the client message id was already stored: nothing new was written.</param>
[GenerateSerializer, Immutable, Alias("engagement.conversation-post")]
public sealed record ConversationPost(
    [property: Id(0)] ChatMessage Message,
    [property: Id(1)] ConversationView Conversation,
    [property: Id(2)] bool Duplicate);

/// <summary>Conversation ids: "c_" plus a random part (sessions are "s_…", so a transcript key never collides).</summary>
public static class ConversationIds
{
    public const string Prefix = "c_";
    public static string New() => Ids.New(Prefix);
}

/// <summary>
/// How many unresolved conversations a queue holds in one status, channel and assignee (null: unassigned). The
/// workspace sums the rows of the queues the agent serves into its views' counts.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.inbox-count")]
public sealed record InboxCount(
    [property: Id(0)] string QueueId,
    [property: Id(1)] ConversationStatus Status,
    [property: Id(2)] string Channel,
    [property: Id(3)] string? AssigneeId,
    [property: Id(4)] int Count);

/// <summary>How many open conversations of a queue carry a label.</summary>
[GenerateSerializer, Immutable, Alias("engagement.inbox-label-count")]
public sealed record InboxLabelCount(
    [property: Id(0)] string QueueId,
    [property: Id(1)] string Label,
    [property: Id(2)] int Count);

/// <summary>The inbox's live counts (unresolved conversations; labels over open ones). A higher version is newer.</summary>
[GenerateSerializer, Immutable, Alias("engagement.inbox-counts")]
public sealed record InboxCounts(
    [property: Id(0)] InboxCount[] Counts,
    [property: Id(1)] InboxLabelCount[] Labels,
    [property: Id(2)] long Version);

/// <summary>A message left in the widget while nobody could answer (out of hours, or no agent online).</summary>
/// <param name="Email">Where the reply goes if the visitor is not on the site then.</param>
/// <param name="Text">Already checked and trimmed by the API.</param>
/// <param name="Form">
/// Answers to the queue's pre-chat form other than the name and email above (its custom fields and consent). The
/// visitor hub checks them with the name and email and makes them the contact's attributes; the customer grain gets null.
/// </param>
[GenerateSerializer, Immutable, Alias("engagement.leave-message")]
public sealed record LeaveMessageRequest(
    [property: Id(0)] string QueueId,
    [property: Id(1)] string? Name,
    [property: Id(2)] string Email,
    [property: Id(3)] string Text,
    [property: Id(4)] string? ClientMessageId,
    [property: Id(5)] Dictionary<string, string?>? Form = null);

/// <summary>A mail from a person, for its conversation (the email channel's handler hands it over; docs/email.md).</summary>
/// <param name="RawMailId">The stored original: the message's idempotency key, so a mail handled twice is stored once.</param>
/// <param name="MessageId">Its Message-ID, which the team's next reply answers (In-Reply-To).</param>
/// <param name="Text">The new text of the mail (quotes and signature stripped), already fitted to the message limit.</param>
/// <param name="Attachments">Its files, already stored into the conversation (those of a type not taken are named in the text).</param>
[GenerateSerializer, Immutable, Alias("engagement.incoming-email")]
public sealed record IncomingEmail(
    [property: Id(0)] long RawMailId,
    [property: Id(1)] string FromAddress,
    [property: Id(2)] string? FromName,
    [property: Id(3)] string? MessageId,
    [property: Id(4)] string Text,
    [property: Id(5)] AttachmentView[]? Attachments = null);

/// <summary>The contact of someone who first writes by email: one per address (lower-cased), "m_" plus a digest of it.</summary>
public static class ContactIds
{
    public const string EmailPrefix = "m_";
    public static string ForEmail(string address) => Ids.Derived(EmailPrefix, "email", address.Trim().ToLowerInvariant());
}
