namespace Engagement.Api.Endpoints.Queues;

/// <summary>A new queue. Durations are "hh:mm:ss" strings; omitted ones take the defaults (offer 20 s, SLA 60 s). Without hours it is always open; without a pre-chat form a chat starts at once; without a retention period conversations are kept; without an SLA policy no clocks run.</summary>
public sealed record CreateQueueRequest(string? QueueId, string? Name, string[]? Skills, TimeSpan? OfferTimeout, TimeSpan? SlaTarget, BusinessHours? Hours = null, PreChatForm? PreChatForm = null, int? RetentionDays = null, RoutingPolicy? Routing = null, SlaPolicy? Sla = null);

/// <summary>Replaces a queue's settings.</summary>
public sealed record UpdateQueueRequest(string? Name, string[]? Skills, TimeSpan? OfferTimeout, TimeSpan? SlaTarget, BusinessHours? Hours = null, PreChatForm? PreChatForm = null, int? RetentionDays = null, RoutingPolicy? Routing = null, SlaPolicy? Sla = null);

/// <summary>What a visitor is asked before a chat starts or a message is left in the queue (GET /api/queues/{queueId}/form).</summary>
/// <param name="Form">Null when the queue asks nothing: the chat starts at once.</param>
public sealed record QueueForm(string QueueId, PreChatForm? Form);
