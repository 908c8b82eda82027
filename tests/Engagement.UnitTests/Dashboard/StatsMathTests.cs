using Engagement.Dashboard;

namespace Engagement.UnitTests.Dashboard;

public class StatsMathTests
{
    [Theory]
    [InlineData(10, NpsBand.Promoter)]
    [InlineData(9, NpsBand.Promoter)]
    [InlineData(8, NpsBand.Passive)]
    [InlineData(7, NpsBand.Passive)]
    [InlineData(6, NpsBand.Detractor)]
    [InlineData(0, NpsBand.Detractor)]
    public void Nps_answers_fall_into_the_standard_bands(int answer, NpsBand band) => Assert.Equal(band, StatsMath.BandOf(answer));

    [Fact]
    public void Nps_is_percent_promoters_minus_percent_detractors()
    {
        Assert.Equal(20.0, StatsMath.Nps(promoters: 5, passives: 2, detractors: 3)); // 50% - 30%
        Assert.Equal(100.0, StatsMath.Nps(4, 0, 0));
        Assert.Equal(-100.0, StatsMath.Nps(0, 0, 2));
        Assert.Equal(0.0, StatsMath.Nps(0, 7, 0));
        Assert.Equal(33.3, StatsMath.Nps(1, 2, 0)); // rounded to one place
        Assert.Null(StatsMath.Nps(0, 0, 0));
    }

    [Fact]
    public void Rates_and_averages_are_null_when_there_is_nothing_to_divide_by()
    {
        Assert.Null(StatsMath.Rate(0, 0));
        Assert.Null(StatsMath.Average(0, 0));
        Assert.Null(StatsMath.AverageDuration(0, 0));
        Assert.Null(StatsMath.ServiceLevel(answered: 0, answeredWithinSla: 0));
        Assert.Equal(0.3333, StatsMath.Rate(1, 3));
        Assert.Equal(4.33, StatsMath.Average(13, 3));
    }

    [Fact]
    public void Service_level_is_the_share_answered_within_the_target()
    {
        Assert.Equal(0.925, StatsMath.ServiceLevel(answered: 40, answeredWithinSla: 37));
        Assert.Equal(1.0, StatsMath.ServiceLevel(3, 3));
        Assert.Equal(0.0, StatsMath.ServiceLevel(3, 0));
    }

    [Fact]
    public void Average_duration_is_the_mean_to_the_millisecond()
    {
        var total = TimeSpan.FromSeconds(10) + TimeSpan.FromSeconds(20) + TimeSpan.FromMilliseconds(1);
        Assert.Equal(TimeSpan.FromMilliseconds(10_000), StatsMath.AverageDuration(total.Ticks, 3));
    }

    [Fact]
    public void Conversions_count_the_configured_outcomes_whatever_their_case()
    {
        var outcomes = new Dictionary<string, int> { ["resolved"] = 7, ["lead"] = 2, ["sale"] = 3, ["upsell"] = 1 };
        Assert.Equal(5, StatsMath.Conversions(outcomes, ["lead", "SALE", " sale "]));
        Assert.Equal(1, StatsMath.Conversions(outcomes, ["Upsell"]));
        Assert.Equal(0, StatsMath.Conversions(outcomes, []));
    }

    [Fact]
    public void Outcomes_are_trimmed_and_lower_cased_and_blank_is_none()
    {
        Assert.Equal("sale", StatsMath.NormalizeOutcome("  Sale "));
        Assert.Null(StatsMath.NormalizeOutcome("   "));
        Assert.Null(StatsMath.NormalizeOutcome(null));
    }
}
