using Engagement.Sessions;

namespace Engagement.Reports;

/// <summary>
/// One session as historical reports count it: one row of engagement.session_fact (grains/Storage/Sql/014-session-facts.sql).
/// Built whole from the session's state each time, so any write carries every fact known so far.
/// </summary>
/// <param name="Outcome">One of <see cref="SessionFactOutcome"/>.</param>
/// <param name="AnsweredWithinSla">Queued → answered within the queue's SLA target; null until answered.</param>
/// <param name="UpdatedAt">When the session built it: a row is replaced only by one at least as new.</param>
/// <param name="FirstResponseBreaches">SLA breaches of each kind so far (016-session-fact-sla.sql).</param>
public sealed record SessionFact(
    string SessionId,
    string QueueId,
    string? AgentId,
    string Channel,
    string Outcome,
    DateTimeOffset RequestedAt,
    DateTimeOffset? QueuedAt,
    DateTimeOffset? OfferedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? AbandonedAt,
    bool? AnsweredWithinSla,
    int? Csat,
    DateTimeOffset UpdatedAt,
    int FirstResponseBreaches = 0,
    int NextResponseBreaches = 0,
    int ResolutionBreaches = 0)
{
    /// <summary>The fact of a session in <paramref name="state"/>, its answer judged against <paramref name="slaTarget"/>.</summary>
    public static SessionFact Of(string sessionId, SessionState state, TimeSpan slaTarget, DateTimeOffset now)
    {
        var t = state.Timings;
        var outcome = state.Status == SessionStatus.Abandoned ? SessionFactOutcome.Abandoned
            : t.AcceptedAt is not null ? SessionFactOutcome.Answered
            : SessionFactOutcome.Waiting;
        // The assignment can overtake the enqueue's record (Offered may come before Queued): then the request counts.
        bool? withinSla = t.AcceptedAt is { } answered ? answered - (t.QueuedAt ?? t.RequestedAt) <= slaTarget : null;
        return new SessionFact(
            sessionId, state.QueueId, state.AssignedAgentId, state.Channel, outcome,
            t.RequestedAt, t.QueuedAt, t.FirstOfferedAt, t.AcceptedAt, t.FirstAgentReplyAt, t.ClosedAt, t.AbandonedAt,
            withinSla, state.Rating?.Csat, now,
            state.Sla?.FirstResponseBreaches ?? 0, state.Sla?.NextResponseBreaches ?? 0, state.Sla?.ResolutionBreaches ?? 0);
    }
}

/// <summary>The outcomes a session fact records (engagement.session_fact.outcome).</summary>
public static class SessionFactOutcome
{
    /// <summary>Not answered yet, and the visitor has not left.</summary>
    public const string Waiting = "waiting";

    /// <summary>An agent accepted it (whatever happened after).</summary>
    public const string Answered = "answered";

    /// <summary>The visitor left before an agent answered (missed, when an agent had been offered it).</summary>
    public const string Abandoned = "abandoned";
}
