namespace Engagement;

public enum CustomerPresence
{
    Offline = 0,
    Away = 1,
    Online = 2,
}

/// <summary>What a connection reports about where the visitor is.</summary>
/// <param name="Channel">"web" for the widget; other channels as they are added.</param>
/// <param name="Away">True when the page is hidden (tab in the background).</param>
[GenerateSerializer, Immutable, Alias("engagement.visitor-location")]
public sealed record VisitorLocation(
    [property: Id(0)] string Channel,
    [property: Id(1)] string? Page,
    [property: Id(2)] string? PageTitle,
    [property: Id(3)] bool Away);

/// <summary>Presence on one channel, over all of the customer's connections on it (several tabs at once).</summary>
[GenerateSerializer, Immutable, Alias("engagement.channel-presence")]
public sealed record ChannelPresence(
    [property: Id(0)] string Channel,
    [property: Id(1)] CustomerPresence Status,
    [property: Id(2)] string? CurrentPage,
    [property: Id(3)] string? PageTitle,
    [property: Id(4)] int Connections,
    [property: Id(5)] DateTimeOffset Since);

[GenerateSerializer, Immutable, Alias("engagement.customer-presence")]
public sealed record CustomerPresenceView(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] CustomerPresence Overall,
    [property: Id(2)] ChannelPresence[] Channels,
    [property: Id(3)] long Version = 0);

/// <summary>A customer as staff see it.</summary>
/// <param name="IsKnown">True once identified with the company's own customer id.</param>
/// <param name="MergedVisitorIds">Anonymous visitor ids folded into this customer by identify.</param>
/// <param name="MergedInto">Set on an anonymous visitor after identify: the customer it now belongs to.</param>
[GenerateSerializer, Immutable, Alias("engagement.customer-view")]
public sealed record CustomerView(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] bool IsKnown,
    [property: Id(2)] string? DisplayName,
    [property: Id(3)] Dictionary<string, string> Attributes,
    [property: Id(4)] string[] MergedVisitorIds,
    [property: Id(5)] string[] SessionIds,
    [property: Id(6)] CustomerPresenceView Presence,
    [property: Id(7)] DateTimeOffset FirstSeen,
    [property: Id(8)] DateTimeOffset LastSeen,
    [property: Id(9)] string? MergedInto);

/// <summary>What an anonymous visitor hands over when it is merged into a known customer.</summary>
[GenerateSerializer, Immutable, Alias("engagement.visitor-merge")]
public sealed record VisitorMerge(
    [property: Id(0)] string VisitorId,
    [property: Id(1)] Dictionary<string, string> Attributes,
    [property: Id(2)] string[] SessionIds,
    [property: Id(3)] DateTimeOffset FirstSeen,
    [property: Id(4)] string[]? ConversationIds = null,
    [property: Id(5)] Dictionary<string, string>? SessionConversations = null);
