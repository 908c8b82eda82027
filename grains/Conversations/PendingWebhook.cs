namespace Engagement.Conversations;

/// <summary>A webhook event of a stored change, waiting to be published: the conversation as it was after that change.</summary>
[GenerateSerializer, Immutable, Alias("engagement.pending-webhook")]
public sealed record PendingWebhook(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset OccurredAt,
    [property: Id(3)] ConversationView Conversation);
