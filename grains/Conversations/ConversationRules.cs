namespace Engagement.Conversations;

/// <summary>Who may see and change a conversation, and the fixed numbers of its bookkeeping.</summary>
internal static class ConversationRules
{
    /// <summary>Client message ids remembered for idempotent posts (a retry comes within seconds; this is generous).</summary>
    public const int RememberedClientIds = 200;

    /// <summary>Message-IDs kept for a mail's References header.</summary>
    public const int MailReferences = 20;

    /// <summary>Transcript mails one chat may send.</summary>
    public const int TranscriptMailsPerChat = 3;

    /// <summary>How long an agent's queues are trusted before they are read again (a change of queues takes this long to apply).</summary>
    public static readonly TimeSpan AgentQueuesTtl = TimeSpan.FromSeconds(30);

    public static bool IsContact(ConversationState s, Caller c) => c.Kind == CallerKind.Visitor && s.ContactId == c.Id;

    /// <summary>Staff see a conversation assigned to them or in a queue they serve; supervisors, admins and the system see all.</summary>
    public static bool StaffCanSee(ConversationState s, Caller c, IReadOnlyCollection<string> agentQueues) =>
        c.IsPrivileged || (c.IsStaff && (s.AssigneeId == c.Id || agentQueues.Contains(s.QueueId)));

    /// <summary>The answer for a conversation that does not exist and for one the caller may not see: the same.</summary>
    public static EngagementException NotFound(string id) => EngagementException.NotFound($"Conversation '{id}'");

    /// <summary>The preview line of a message: its text's, or the names of its files when it has no text.</summary>
    public static string Preview(ChatMessage message) =>
        message.Text.Length == 0 && message.Attachments is { Length: > 0 } files
            ? Preview("📎 " + string.Join(", ", files.Select(f => f.FileName)))
            : Preview(message.Text);

    /// <summary>The preview line of the inbox: the message's first line, cut to a readable length.</summary>
    public static string Preview(string text)
    {
        const int max = 140;
        var line = text.AsSpan().Trim();
        var newline = line.IndexOfAny('\r', '\n');
        if (newline >= 0) line = line[..newline];
        return line.Length <= max ? line.ToString() : string.Concat(line[..(max - 1)], "…");
    }

    /// <summary>What the visitor sees: staff-only fields (labels, the assignee) left out.</summary>
    public static ConversationView ForContact(ConversationView v) => v with { Labels = [], AssigneeId = null };

    public static string StatusEvent(ConversationStatus status, DateTimeOffset? until, string by) => status switch
    {
        ConversationStatus.Open => $"{by} reopened the conversation.",
        ConversationStatus.Pending => $"{by} marked the conversation as waiting for the customer.",
        ConversationStatus.Snoozed => $"{by} snoozed the conversation until {until:u}.",
        _ => $"{by} resolved the conversation.",
    };
}
