namespace Engagement;

/// <summary>
/// An agent hands an active session to another agent (<see cref="ToAgentId"/>) or to a queue (<see cref="ToQueueId"/>):
/// exactly one of the two. <see cref="Note"/> is a private note for the staff who take over.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.transfer-request")]
public sealed record TransferRequest(
    [property: Id(0)] string? ToAgentId,
    [property: Id(1)] string? ToQueueId,
    [property: Id(2)] string? Note = null);

/// <summary>
/// A transfer under way: the session stays with <see cref="FromAgentId"/> until an agent takes it. Staff only (the
/// visitor's view never carries it).
/// </summary>
/// <param name="ExpiresAt">For a transfer to an agent: when the offer to them ends and the session stays where it is.</param>
[GenerateSerializer, Immutable, Alias("engagement.pending-transfer")]
public sealed record PendingTransfer(
    [property: Id(0)] string FromAgentId,
    [property: Id(1)] string? ToAgentId,
    [property: Id(2)] string? ToQueueId,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] DateTimeOffset? ExpiresAt,
    [property: Id(5)] string? Note = null);
