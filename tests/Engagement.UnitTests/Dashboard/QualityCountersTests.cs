using Engagement.Dashboard;

namespace Engagement.UnitTests.Dashboard;

public class QualityCountersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Conversions = ["lead", "sale"];

    private static SessionRating Rating(int csat, int? nps) => new(csat, nps, null, T0);

    [Fact]
    public void Csat_is_the_mean_of_the_latest_rating_of_each_session()
    {
        var counters = new QualityCounters();
        var first = Rating(2, 3);
        counters.AddRating(null, first);
        counters.AddRating(null, Rating(5, 10));
        counters.AddRating(first, Rating(4, 9)); // the first session rated again: 2 is replaced by 4

        var stats = counters.ToStats(Conversions, 0, 0);
        Assert.Equal(2, stats.CsatAnswers);
        Assert.Equal(4.5, stats.AverageCsat);
        Assert.Equal(2, stats.NpsAnswers);
        Assert.Equal(100.0, stats.Nps); // the detractor (3) became a promoter (9)
    }

    [Fact]
    public void A_rating_without_nps_counts_for_csat_only()
    {
        var counters = new QualityCounters();
        counters.AddRating(null, Rating(3, null));
        counters.AddRating(null, Rating(5, 6));
        var stats = counters.ToStats(Conversions, 0, 0);
        Assert.Equal((2, 4.0, 1, -100.0), (stats.CsatAnswers, stats.AverageCsat!.Value, stats.NpsAnswers, stats.Nps!.Value));
    }

    [Fact]
    public void Replacing_a_rating_that_had_nps_with_one_without_takes_the_nps_answer_out()
    {
        var counters = new QualityCounters();
        var first = Rating(1, 0);
        counters.AddRating(null, first);
        counters.AddRating(first, Rating(5, null));
        var stats = counters.ToStats(Conversions, 0, 0);
        Assert.Equal((1, 5.0, 0), (stats.CsatAnswers, stats.AverageCsat!.Value, stats.NpsAnswers));
        Assert.Null(stats.Nps);
    }

    [Fact]
    public void Closed_sessions_count_outcomes_and_conversions()
    {
        var counters = new QualityCounters();
        foreach (var outcome in new[] { "resolved", "Sale", "lead", null, "sale ", "resolved" }) counters.AddClosed(outcome);
        var stats = counters.ToStats(Conversions, 0, 0);
        Assert.Equal(6, stats.ClosedSessions);
        Assert.Equal(3, stats.Conversions);
        Assert.Equal(0.5, stats.ConversionRate);
        Assert.Equal(new Dictionary<string, int> { ["resolved"] = 2, ["sale"] = 2, ["lead"] = 1 }, stats.Outcomes);
    }

    [Fact]
    public void Which_outcomes_convert_is_configuration_applied_to_the_counts_kept()
    {
        var counters = new QualityCounters();
        counters.AddClosed("demo-booked");
        counters.AddClosed("sale");
        Assert.Equal(1, counters.ToStats(["demo-booked"], 0, 0).Conversions);
        Assert.Equal(2, counters.ToStats(["demo-booked", "sale"], 0, 0).Conversions);
    }

    [Fact]
    public void Past_the_outcome_limit_new_outcomes_are_counted_as_other()
    {
        var counters = new QualityCounters();
        for (var i = 0; i < QualityCounters.MaxOutcomes; i++) counters.AddClosed($"o{i}");
        counters.AddClosed("one-too-many");
        counters.AddClosed("o1");
        var outcomes = counters.ToStats(Conversions, 0, 0).Outcomes;
        Assert.Equal(1, outcomes[QualityCounters.OtherOutcome]);
        Assert.Equal(2, outcomes["o1"]);
        Assert.False(outcomes.ContainsKey("one-too-many"));
    }

    [Fact]
    public void First_response_is_averaged_and_invitations_give_an_acceptance_rate()
    {
        var counters = new QualityCounters();
        counters.AddFirstResponse(TimeSpan.FromSeconds(4));
        counters.AddFirstResponse(TimeSpan.FromSeconds(8));
        foreach (var answer in new bool?[] { null, null, null, null, true, false }) counters.AddInvitation(answer);
        var stats = counters.ToStats(Conversions, answered: 10, answeredWithinSla: 9);
        Assert.Equal(TimeSpan.FromSeconds(6), stats.AverageFirstResponse);
        Assert.Equal(2, stats.FirstResponses);
        Assert.Equal((4, 1, 0.25), (stats.InvitationsSent, stats.InvitationsAccepted, stats.InvitationAcceptanceRate!.Value));
        Assert.Equal(0.9, stats.ServiceLevel);
    }

    [Fact]
    public void Nothing_counted_yet_gives_no_averages()
    {
        var stats = new QualityCounters().ToStats(Conversions, 0, 0);
        Assert.Null(stats.AverageFirstResponse);
        Assert.Null(stats.AverageCsat);
        Assert.Null(stats.Nps);
        Assert.Null(stats.ConversionRate);
        Assert.Null(stats.InvitationAcceptanceRate);
        Assert.Null(stats.ServiceLevel);
    }
}
