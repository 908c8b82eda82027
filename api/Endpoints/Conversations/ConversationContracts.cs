namespace Engagement.Api.Endpoints.Conversations;

/// <summary>A reply (or, from the system, a customer's message) into a conversation.</summary>
public sealed record PostConversationMessageRequest(string? Text, string? ClientMessageId, string[]? Attachments = null);

/// <summary>A new status: open, pending, snoozed (with <see cref="SnoozedUntil"/>) or resolved.</summary>
public sealed record SetConversationStatusRequest(string? Status, DateTimeOffset? SnoozedUntil);

/// <summary>The agent to assign; null unassigns.</summary>
public sealed record AssignConversationRequest(string? AgentId);

/// <summary>The conversation's labels, replacing the ones it has.</summary>
public sealed record SetLabelsRequest(string[]? Labels);

/// <summary>One page of an inbox list; <see cref="Next"/> is the <c>before</c> of the next page, null on the last.</summary>
public sealed record ConversationPage(ConversationView[] Conversations, DateTimeOffset? Next);
