namespace Engagement;

/// <summary>The visitor's rating at the end of a session: CSAT 1–5, optional NPS 0–10 and a comment.</summary>
[GenerateSerializer, Immutable, Alias("engagement.session-rating")]
public sealed record SessionRating(
    [property: Id(0)] int Csat,
    [property: Id(1)] int? Nps,
    [property: Id(2)] string? Comment,
    [property: Id(3)] DateTimeOffset At);

/// <summary>A participant has read the transcript up to <see cref="Seq"/>.</summary>
[GenerateSerializer, Immutable, Alias("engagement.read-receipt")]
public sealed record ReadReceipt(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string ParticipantId,
    [property: Id(2)] ParticipantRole Role,
    [property: Id(3)] long Seq);

/// <summary>A private note on a session: staff only, never shown to the visitor.</summary>
[GenerateSerializer, Immutable, Alias("engagement.session-note")]
public sealed record SessionNote(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string AuthorId,
    [property: Id(2)] string AuthorName,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset At);

/// <summary>A session as the customer's history shows it.</summary>
[GenerateSerializer, Immutable, Alias("engagement.session-summary")]
public sealed record SessionSummary(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string Channel,
    [property: Id(2)] SessionStatus Status,
    [property: Id(3)] string QueueId,
    [property: Id(4)] string? Topic,
    [property: Id(5)] string? AgentId,
    [property: Id(6)] DateTimeOffset RequestedAt,
    [property: Id(7)] DateTimeOffset? ClosedAt,
    [property: Id(8)] string? Outcome,
    [property: Id(9)] SessionRating? Rating,
    [property: Id(10)] long MessageCount,
    [property: Id(11)] string CustomerId = "");

/// <summary>An invitation to chat shown to a visitor: from an agent ("proactive invite") or from a rule.</summary>
/// <param name="AgentId">The inviting agent, or null when a rule invited on behalf of <see cref="QueueId"/>.</param>
/// <param name="RuleId">The proactive rule that fired, or null when an agent invited.</param>
[GenerateSerializer, Immutable, Alias("engagement.invitation")]
public sealed record Invitation(
    [property: Id(0)] string InvitationId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string? AgentId,
    [property: Id(3)] string? AgentName,
    [property: Id(4)] string QueueId,
    [property: Id(5)] string Message,
    [property: Id(6)] string? RuleId,
    [property: Id(7)] DateTimeOffset ExpiresAt);
