namespace Engagement.Customers;

/// <summary>Persisted state of a customer or anonymous visitor. Presence is not stored: it is derived from live connections.</summary>
[GenerateSerializer, Alias("engagement.customer-state")]
public sealed class CustomerState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public bool IsKnown { get; set; }
    [Id(2)] public Dictionary<string, string> Attributes { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public List<string> MergedVisitorIds { get; set; } = [];
    [Id(4)] public List<string> SessionIds { get; set; } = [];
    /// <summary>Sessions not yet closed or abandoned: they receive presence changes.</summary>
    [Id(5)] public List<string> OpenSessionIds { get; set; } = [];
    [Id(6)] public DateTimeOffset FirstSeen { get; set; }
    [Id(7)] public DateTimeOffset LastSeen { get; set; }
    [Id(8)] public string? MergedInto { get; set; }
    /// <summary>The customer's conversations, oldest first.</summary>
    [Id(9)] public List<string> ConversationIds { get; set; } = [];
    /// <summary>The conversation each live chat session belongs to.</summary>
    [Id(10)] public Dictionary<string, string> SessionConversations { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The newest conversation and whether it was last heard of unresolved: a new chat or message continues it.</summary>
    [Id(11)] public string? CurrentConversationId { get; set; }
    [Id(12)] public bool CurrentConversationUnresolved { get; set; }
    [Id(13)] public string? CurrentConversationQueueId { get; set; }
    /// <summary>How many times the state was written: the version of the customer's row in the contacts projection.</summary>
    [Id(14)] public long Writes { get; set; }
}
