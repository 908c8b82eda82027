namespace Engagement.Conversations;

/// <summary>Persisted state of a conversation (grain state "conversation"); the messages are in the transcript store.</summary>
[GenerateSerializer, Alias("engagement.conversation-state")]
public sealed class ConversationState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string ContactId { get; set; } = "";
    [Id(2)] public string QueueId { get; set; } = "";
    [Id(3)] public string Channel { get; set; } = ConversationChannels.Web;
    [Id(4)] public string? Subject { get; set; }
    [Id(5)] public ConversationStatus Status { get; set; }
    [Id(6)] public DateTimeOffset? SnoozedUntil { get; set; }
    [Id(7)] public string? AssigneeId { get; set; }
    [Id(8)] public List<string> Labels { get; set; } = [];
    [Id(9)] public DateTimeOffset CreatedAt { get; set; }
    [Id(10)] public DateTimeOffset LastActivityAt { get; set; }
    [Id(11)] public string? Preview { get; set; }
    [Id(12)] public List<string> SessionIds { get; set; } = [];
    [Id(13)] public string? LiveSessionId { get; set; }
    [Id(14)] public string? ContactName { get; set; }
    [Id(15)] public string? ContactEmail { get; set; }
    [Id(16)] public bool AwaitingReply { get; set; }
    [Id(17)] public long LastSeq { get; set; }
    [Id(18)] public long Version { get; set; }
    /// <summary>The seq of each recent client message id (the newest <see cref="ConversationRules.RememberedClientIds"/>), for idempotent posts.</summary>
    [Id(19)] public Dictionary<string, long> ClientMessageSeqs { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The token in the reply address of this conversation's emails (docs/email.md).</summary>
    [Id(20)] public string ReplyToken { get; set; } = "";
    [Id(21)] public string? ApiChannelId { get; set; }
    /// <summary>Webhook events of stored changes not yet handed to the outbox (kept until it has them; ids make a repeat harmless).</summary>
    [Id(22)] public List<PendingWebhook> PendingWebhooks { get; set; } = [];
    /// <summary>The Message-IDs of the mail thread (ours and the contact's), oldest first, the newest <see cref="ConversationRules.MailReferences"/>.</summary>
    [Id(23)] public List<string> MailReferences { get; set; } = [];
    /// <summary>The contact's latest Message-ID: the team's next mail answers it.</summary>
    [Id(24)] public string? LastInboundMessageId { get; set; }
    /// <summary>Transcript mails sent per episode (a visitor may ask a few times, not endlessly).</summary>
    [Id(25)] public Dictionary<string, int> TranscriptMails { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The staff's private notes, oldest first (at most <see cref="Limits.Notes"/>); erased with the state.</summary>
    [Id(26)] public List<ConversationNote> Notes { get; set; } = [];
}
