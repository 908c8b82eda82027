namespace Engagement;

/// <summary>
/// A visitor left the site (went offline), for the agents' "visitors on site" list. Carries the version of the
/// change, so a client drops it when it already holds a newer <see cref="SiteVisitor"/> (the visitor came back).
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.site-visitor-left")]
public sealed record SiteVisitorLeft(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] long Version);
