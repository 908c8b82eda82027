namespace Engagement.Api.Endpoints.Queues;

/// <summary>A new queue. Durations are "hh:mm:ss" strings; omitted ones take the defaults (offer 20 s, SLA 60 s). Without hours it is always open.</summary>
public sealed record CreateQueueRequest(string? QueueId, string? Name, string[]? Skills, TimeSpan? OfferTimeout, TimeSpan? SlaTarget, BusinessHours? Hours = null, int? RetentionDays = null);

/// <summary>Replaces a queue's settings.</summary>
public sealed record UpdateQueueRequest(string? Name, string[]? Skills, TimeSpan? OfferTimeout, TimeSpan? SlaTarget, BusinessHours? Hours = null, int? RetentionDays = null);
