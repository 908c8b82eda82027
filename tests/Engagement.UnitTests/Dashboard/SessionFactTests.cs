using Engagement.Reports;
using Engagement.Sessions;

namespace Engagement.UnitTests.Dashboard;

/// <summary>A session's report fact, built whole from its state: the outcome and the answer against the SLA.</summary>
public sealed class SessionFactTests
{
    private static readonly DateTimeOffset Requested = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Sla = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_waiting_session_is_waiting_with_no_verdict_on_the_sla()
    {
        var fact = SessionFact.Of("s_1", State(SessionStatus.Queued, new SessionTimings(Requested, QueuedAt: Requested)), Sla, Requested);
        Assert.Equal((SessionFactOutcome.Waiting, (bool?)null, (string?)null), (fact.Outcome, fact.AnsweredWithinSla, fact.AgentId));
    }

    [Fact]
    public void An_answer_is_judged_from_the_enqueue_or_the_request_when_the_enqueue_was_overtaken()
    {
        var inTime = State(SessionStatus.Active, new SessionTimings(Requested, QueuedAt: Requested.AddSeconds(5), AcceptedAt: Requested.AddSeconds(64)), "alice");
        Assert.Equal((SessionFactOutcome.Answered, (bool?)true, "alice"), Verdict(SessionFact.Of("s_1", inTime, Sla, Requested)));
        var overtaken = State(SessionStatus.Closed, new SessionTimings(Requested, AcceptedAt: Requested.AddSeconds(61)), "alice");
        Assert.Equal((SessionFactOutcome.Answered, (bool?)false, "alice"), Verdict(SessionFact.Of("s_1", overtaken, Sla, Requested)));
    }

    [Fact]
    public void A_visitor_who_left_first_abandoned_it_and_the_rating_is_kept()
    {
        var left = State(SessionStatus.Abandoned, new SessionTimings(Requested, FirstOfferedAt: Requested.AddSeconds(2), AbandonedAt: Requested.AddSeconds(30)));
        var fact = SessionFact.Of("s_1", left, Sla, Requested);
        Assert.Equal(SessionFactOutcome.Abandoned, fact.Outcome);
        Assert.Equal(Requested.AddSeconds(2), fact.OfferedAt);

        var rated = State(SessionStatus.Closed, new SessionTimings(Requested, AcceptedAt: Requested.AddSeconds(1)), "alice");
        rated.Rating = new SessionRating(4, null, null, Requested);
        Assert.Equal(4, SessionFact.Of("s_1", rated, Sla, Requested).Csat);
    }

    private static (string, bool?, string?) Verdict(SessionFact f) => (f.Outcome, f.AnsweredWithinSla, f.AgentId);

    private static SessionState State(SessionStatus status, SessionTimings timings, string? agentId = null) =>
        new() { Exists = true, QueueId = "support", Status = status, Timings = timings, AssignedAgentId = agentId };
}
