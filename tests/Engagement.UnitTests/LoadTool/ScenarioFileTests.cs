using Engagement.LoadTests.Cluster;
using Engagement.LoadTests.Measurement;
using Engagement.LoadTests.Scenario;

namespace Engagement.UnitTests.LoadTool;

/// <summary>Scenario files and the open-loop plans their parts run by.</summary>
public class ScenarioFileTests
{
    [Fact]
    public void The_shipped_example_parses_with_every_kind_of_traffic()
    {
        var scenario = ScenarioFile.Load(Path.Combine(RepositoryRoot.Find(), "load-tests", "Scenario", "examples", "mixed.json"));

        Assert.NotNull(scenario.Chat);
        Assert.NotNull(scenario.Context);
        Assert.NotNull(scenario.SiteVisitors);
        Assert.NotNull(scenario.Directory);
        Assert.Equal(1000, scenario.Chat.Schedule().PeakRate);
    }

    [Fact]
    public void A_number_is_a_steady_rate_for_the_parts_duration_and_a_string_a_profile()
    {
        var scenario = ScenarioFile.Parse("""{ "chat": { "rate": 200, "duration": 10 }, "context": { "rate": "ramp:10-30:10" } }""");

        Assert.Equal(2000, scenario.Chat!.Schedule().Total);
        Assert.Equal(TimeSpan.FromSeconds(10), scenario.Context!.Schedule().Length);
        Assert.Equal(200, scenario.Context.Schedule().Total);
        Assert.Equal(5, scenario.Warmup);
    }

    [Theory]
    [InlineData("""{ "name": "nothing" }""")]
    [InlineData("""{ "chat": { "rate": "fast" } }""")]
    [InlineData("""{ "chat": { "rate": 100, "conversatoins": 5 } }""")]
    public void A_scenario_that_cannot_run_is_refused_before_anything_connects(string json)
    {
        Assert.ThrowsAny<Exception>(() => ScenarioFile.Parse(json));
    }

    [Fact]
    public void A_plan_warms_up_at_the_profiles_first_rate_then_follows_it()
    {
        var plan = new OpenLoopPlan(100, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(99), RateSchedule.Parse("steady:10:5,spike:100:1"));

        Assert.Equal(20, plan.WarmupCount);
        Assert.Equal(20 + 50 + 100, plan.Total);
        Assert.Equal(TimeSpan.FromSeconds(1), plan.DueAt(10));
        Assert.Equal(TimeSpan.FromSeconds(2), plan.DueAt(20));
        Assert.Equal(TimeSpan.FromSeconds(7.5), plan.DueAt(20 + 50 + 50));
    }

    [Fact]
    public void Without_a_profile_a_plan_is_a_constant_rate()
    {
        var plan = new OpenLoopPlan(50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));

        Assert.Equal((50L, 250L), (plan.WarmupCount, plan.Total));
        Assert.Equal(TimeSpan.FromSeconds(3), plan.DueAt(150));
    }
}
