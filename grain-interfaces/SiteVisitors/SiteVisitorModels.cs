namespace Engagement;

/// <summary>A visitor on the site right now, for the agents' "visitors on site" list.</summary>
[GenerateSerializer, Immutable, Alias("engagement.site-visitor")]
public sealed record SiteVisitor(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string? DisplayName,
    [property: Id(2)] bool IsKnown,
    [property: Id(3)] CustomerPresence Presence,
    [property: Id(4)] string? CurrentPage,
    [property: Id(5)] string? PageTitle,
    [property: Id(6)] DateTimeOffset OnSiteSince,
    [property: Id(7)] DateTimeOffset PageSince,
    [property: Id(8)] bool InSession,
    [property: Id(9)] long Version);

/// <summary>
/// A visitor left the site (went offline), for the agents' "visitors on site" list. Carries the version of the
/// change, so a client drops it when it already holds a newer <see cref="SiteVisitor"/> (the visitor came back).
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.site-visitor-left")]
public sealed record SiteVisitorLeft(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] long Version);
