namespace Engagement;

public enum ProactiveAction
{
    /// <summary>Show the visitor an invitation to chat with the rule's queue.</summary>
    InviteVisitor = 0,
    /// <summary>Alert agents watching "visitors on site" so one can invite the visitor personally.</summary>
    NotifyAgents = 1,
}

/// <summary>
/// A proactive rule, evaluated in the customer's grain as context arrives. Every condition that is set
/// must hold; a rule fires at most once per visit (until the visitor has been offline).
/// </summary>
/// <param name="PagePattern">The current page's path contains this text (e.g. "/pricing").</param>
/// <param name="MinSecondsOnPage">…and the visitor has been on that page at least this long.</param>
/// <param name="ReturningWithinDays">The customer had a session that started within this many days…</param>
/// <param name="RequireOpenSession">…and (when true) one of their sessions is still open.</param>
[GenerateSerializer, Immutable, Alias("engagement.proactive-rule")]
public sealed record ProactiveRule(
    [property: Id(0)] string RuleId,
    [property: Id(1)] string Name,
    [property: Id(2)] bool Enabled,
    [property: Id(3)] string? PagePattern,
    [property: Id(4)] int? MinSecondsOnPage,
    [property: Id(5)] int? ReturningWithinDays,
    [property: Id(6)] bool RequireOpenSession,
    [property: Id(7)] ProactiveAction Action,
    [property: Id(8)] string Message,
    [property: Id(9)] string QueueId);

/// <summary>Pushed to agents watching the site when a NotifyAgents rule fires.</summary>
[GenerateSerializer, Immutable, Alias("engagement.visitor-alert")]
public sealed record VisitorAlert(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string? DisplayName,
    [property: Id(2)] string RuleId,
    [property: Id(3)] string RuleName,
    [property: Id(4)] string Message,
    [property: Id(5)] string? Page,
    [property: Id(6)] DateTimeOffset At);
