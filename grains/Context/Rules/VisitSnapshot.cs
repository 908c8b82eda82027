namespace Engagement.Context.Rules;

/// <summary>What proactive rules look at: the visitor's current visit and their sessions.</summary>
/// <param name="Page">The current page (path or URL) of the web channel; null when unknown.</param>
/// <param name="InForeground">True when a tab of the site is in front (not only hidden tabs).</param>
/// <param name="VisitStart">When the visitor came online on the site (a visit ends when they go offline).</param>
/// <param name="SessionStarts">When each known session of the customer started.</param>
/// <param name="OpenSessions">Sessions not yet closed or abandoned.</param>
public sealed record VisitSnapshot(
    string? Page,
    DateTimeOffset PageSince,
    bool InForeground,
    DateTimeOffset VisitStart,
    IReadOnlyDictionary<string, DateTimeOffset> SessionStarts,
    IReadOnlyCollection<string> OpenSessions,
    DateTimeOffset Now);

/// <summary>A rule that fires now, or the time to look again (a dwell time still running).</summary>
public readonly record struct RuleDecision(ProactiveRule Rule, bool Fire, DateTimeOffset? CheckAgainAt);
