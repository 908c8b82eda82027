using Engagement.Queues;

namespace Engagement.UnitTests.Grains;

public class RoutingRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> NoOffers = [];

    private static AgentRoutingState Agent(string id, int idleMinutesAgo, string[]? skills = null, AgentPresence presence = AgentPresence.Available, int load = 0, int capacity = 2) =>
        new(id, presence, skills ?? ["support"], capacity, load, T0.AddMinutes(-idleMinutesAgo));

    [Fact]
    public void The_longest_idle_available_agent_gets_the_offer()
    {
        var roster = new[] { Agent("a", 1), Agent("b", 10), Agent("c", 5) };
        Assert.Equal("b", RoutingRules.PickAgent(roster, ["support"], NoOffers, null, T0, TimeSpan.FromSeconds(30))?.AgentId);
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
        Assert.Equal("fit", RoutingRules.PickAgent(roster, ["support", "billing"], NoOffers, null, T0, TimeSpan.Zero)?.AgentId);
    }

    [Fact]
    public void An_agent_holding_an_offer_gets_no_second_one()
    {
        var roster = new[] { Agent("a", 10), Agent("b", 1) };
        Assert.Equal("b", RoutingRules.PickAgent(roster, [], new HashSet<string> { "a" }, null, T0, TimeSpan.Zero)?.AgentId);
    }

    [Fact]
    public void An_agent_who_declined_is_passed_over_until_the_retry_delay_ends()
    {
        var roster = new[] { Agent("a", 10) };
        var tried = new Dictionary<string, DateTimeOffset> { ["a"] = T0.AddSeconds(-10) };
        Assert.Null(RoutingRules.PickAgent(roster, [], NoOffers, tried, T0, TimeSpan.FromSeconds(30)));
        Assert.Equal("a", RoutingRules.PickAgent(roster, [], NoOffers, tried, T0.AddSeconds(25), TimeSpan.FromSeconds(30))?.AgentId);
    }

    [Fact]
    public void A_session_for_a_chosen_representative_waits_for_that_one_only()
    {
        var roster = new[] { Agent("a", 10), Agent("b", 1), Agent("c", 5, presence: AgentPresence.Away) };
        Assert.Equal("b", RoutingRules.PickAgent(roster, [], NoOffers, null, T0, TimeSpan.Zero, preferredAgentId: "b")?.AgentId);
        Assert.Null(RoutingRules.PickAgent(roster, [], NoOffers, null, T0, TimeSpan.Zero, preferredAgentId: "c"));
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
