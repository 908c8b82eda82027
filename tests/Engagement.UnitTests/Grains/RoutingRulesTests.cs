using Engagement.Queues;

namespace Engagement.UnitTests.Grains;

public class RoutingRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> NoOffers = [];

    private static AgentRoutingState Agent(string id, int idleMinutesAgo, string[]? skills = null, AgentPresence presence = AgentPresence.Available, int load = 0, int capacity = 2,
        Dictionary<string, int>? levels = null) =>
        new(id, presence, skills ?? ["support"], capacity, load, T0.AddMinutes(-idleMinutesAgo), 0, levels);

    private static QueuedSession Session(string[] skills, string? preferredAgentId = null) =>
        new("s-1", "v-1", null, skills, T0, null, null, preferredAgentId);

    /// <summary>As the queue does: the free agents, then the pick among them.</summary>
    private static AgentRoutingState? Pick(AgentRoutingState[] roster, string[] skills, IReadOnlyDictionary<string, DateTimeOffset>? tried, DateTimeOffset now,
        TimeSpan retryAfter, string? preferredAgentId = null, RoutingDemand? demand = null) =>
        RoutingRules.PickAgent(roster.Where(RoutingRules.IsFree), Session(skills, preferredAgentId), demand ?? RoutingDemand.AnyLevel, tried, now, retryAfter);

    [Fact]
    public void The_longest_idle_available_agent_gets_the_offer()
    {
        var roster = new[] { Agent("a", 1), Agent("b", 10), Agent("c", 5) };
        Assert.Equal("b", Pick(roster, ["support"], null, T0, TimeSpan.FromSeconds(30))?.AgentId);
    }

    [Fact]
    public void Agents_without_the_skills_capacity_or_availability_are_skipped()
    {
        var roster = new[]
        {
            Agent("no-skill", 60, skills: ["sales"]),
            Agent("full", 50, load: 2, capacity: 2),
            Agent("away", 40, presence: AgentPresence.Away),
            Agent("busy", 35, presence: AgentPresence.Busy),
            Agent("offline", 30, presence: AgentPresence.Offline),
            Agent("fit", 1, skills: ["Support", "billing"]),
        };
        Assert.Equal("fit", Pick(roster, ["support", "billing"], null, T0, TimeSpan.Zero)?.AgentId);
    }

    [Fact]
    public void An_agent_who_declined_is_passed_over_until_the_retry_delay_ends()
    {
        var roster = new[] { Agent("a", 10) };
        var tried = new Dictionary<string, DateTimeOffset> { ["a"] = T0.AddSeconds(-10) };
        Assert.Null(Pick(roster, [], tried, T0, TimeSpan.FromSeconds(30)));
        Assert.Equal("a", Pick(roster, [], tried, T0.AddSeconds(25), TimeSpan.FromSeconds(30))?.AgentId);
    }

    [Fact]
    public void A_session_for_a_chosen_representative_waits_for_that_one_only()
    {
        var roster = new[] { Agent("a", 10), Agent("b", 1), Agent("c", 5, presence: AgentPresence.Away) };
        Assert.Equal("b", Pick(roster, [], null, T0, TimeSpan.Zero, preferredAgentId: "b")?.AgentId);
        Assert.Null(Pick(roster, [], null, T0, TimeSpan.Zero, preferredAgentId: "c"));
    }

    [Fact]
    public void An_agent_who_did_not_answer_comes_after_every_agent_not_yet_tried()
    {
        var roster = new[] { Agent("a", 60), Agent("b", 1), Agent("c", 30) };
        var tried = new Dictionary<string, DateTimeOffset> { ["a"] = T0.AddMinutes(-5), ["c"] = T0.AddMinutes(-10) };
        Assert.Equal("b", Pick(roster, [], tried, T0, TimeSpan.FromSeconds(30))?.AgentId);
        var allTried = new Dictionary<string, DateTimeOffset>(tried) { ["b"] = T0.AddMinutes(-1) };
        Assert.Equal("c", Pick(roster, [], allTried, T0, TimeSpan.FromSeconds(30))?.AgentId); // the one tried longest ago
    }

    [Fact]
    public void Skill_levels_count_until_a_step_takes_any_agent()
    {
        var roster = new[] { Agent("junior", 60), Agent("senior", 1, levels: new() { ["support"] = 3 }), Agent("sales", 90, skills: ["sales"]) };
        Assert.Equal("senior", Pick(roster, ["support"], null, T0, TimeSpan.Zero, demand: new RoutingDemand(3, false, null, false))?.AgentId);
        Assert.Equal("junior", Pick(roster, ["support"], null, T0, TimeSpan.Zero, demand: new RoutingDemand(1, false, null, false))?.AgentId);
        Assert.Equal("sales", Pick(roster, ["support"], null, T0, TimeSpan.Zero, demand: new RoutingDemand(3, true, null, false))?.AgentId);
        Assert.Equal(0, RoutingRules.LevelOf(roster[2], "support"));
        Assert.Equal(1, RoutingRules.LevelOf(roster[0], "SUPPORT"));
    }

    [Fact]
    public void Wait_estimate_is_position_times_the_recent_answer_interval()
    {
        Assert.Null(RoutingRules.EstimateWait(1, [T0]));
        var answers = new[] { T0, T0.AddSeconds(30), T0.AddSeconds(60) };
        Assert.Equal(TimeSpan.FromSeconds(30), RoutingRules.EstimateWait(1, answers));
        Assert.Equal(TimeSpan.FromSeconds(90), RoutingRules.EstimateWait(3, answers));
    }

    [Fact]
    public void Queue_definitions_are_validated_and_normalized()
    {
        var ok = RoutingRules.Validate("support", new QueueDefinition("support", " Support ", ["Billing", "billing"], TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(1)));
        Assert.Equal("Support", ok.Name);
        Assert.Equal(["billing"], ok.Skills);
        Assert.Throws<EngagementException>(() => RoutingRules.Validate("support", new QueueDefinition("other", "x", [], TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(1))));
        Assert.Throws<EngagementException>(() => RoutingRules.Validate("q", new QueueDefinition("q", "x", [], TimeSpan.Zero, TimeSpan.FromMinutes(1))));
    }
}
