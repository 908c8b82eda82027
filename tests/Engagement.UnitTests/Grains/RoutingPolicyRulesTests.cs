namespace Engagement.UnitTests.Grains;

public class RoutingPolicyRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static QueuedSession Waiting(string id, int priority, int secondsAgo) =>
        new(id, "v-" + id, null, [], T0.AddSeconds(-secondsAgo), null, null, null, priority);

    private static readonly RoutingPolicy Steps = new(SkillLevel: 3, Steps:
    [
        new RoutingStep(TimeSpan.FromSeconds(30), SkillLevel: 2),
        new RoutingStep(TimeSpan.FromSeconds(60), AnyAgent: true),
        new RoutingStep(TimeSpan.FromSeconds(120), OverflowTo: "overflow"),
        new RoutingStep(TimeSpan.FromSeconds(300), OfferLeaveMessage: true),
    ]);

    [Fact]
    public void Steps_relax_the_demand_as_the_wait_grows()
    {
        Assert.Equal(new RoutingDemand(3, false, null, false), RoutingPolicyRules.DemandAfter(Steps, TimeSpan.FromSeconds(29)));
        Assert.Equal(new RoutingDemand(2, false, null, false), RoutingPolicyRules.DemandAfter(Steps, TimeSpan.FromSeconds(30)));
        Assert.Equal(new RoutingDemand(2, true, null, false), RoutingPolicyRules.DemandAfter(Steps, TimeSpan.FromSeconds(61)));
        Assert.Equal(new RoutingDemand(2, true, "overflow", true), RoutingPolicyRules.DemandAfter(Steps, TimeSpan.FromMinutes(6)));
        Assert.Equal(RoutingDemand.AnyLevel, RoutingPolicyRules.DemandAfter(null, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_contact_meeting_a_rule_starts_higher_up_to_the_limit()
    {
        var policy = new RoutingPolicy(Priority: 10, PriorityRules: [new PriorityRule("plan", "Enterprise", 50), new PriorityRule("country", "NO", 5)]);
        Assert.Equal(10, RoutingPolicyRules.PriorityOf(policy, null));
        Assert.Equal(65, RoutingPolicyRules.PriorityOf(policy, new Dictionary<string, string> { ["plan"] = "enterprise ", ["country"] = "no" }));
        Assert.Equal(Limits.Priority, RoutingPolicyRules.PriorityOf(policy with { Priority = Limits.Priority }, new Dictionary<string, string> { ["plan"] = "enterprise" }));
    }

    [Fact]
    public void Higher_priority_goes_first_and_aging_lets_a_long_wait_catch_up()
    {
        var vipJustNow = Waiting("vip", 10, 0);
        var oldTimer = Waiting("old", 0, 600); // waited 10 minutes
        var newer = Waiting("new", 0, 60);
        Assert.Equal(["vip", "old", "new"], new[] { newer, oldTimer, vipJustNow }.Order(Comparer<QueuedSession>.Create((a, b) => RoutingPolicyRules.CompareRank(a, b, 0))).Select(w => w.SessionId));
        // At 2 points a minute the 10-minute wait is worth 20 points: more than the VIP's 10.
        Assert.Equal(["old", "vip", "new"], new[] { newer, oldTimer, vipJustNow }.Order(Comparer<QueuedSession>.Create((a, b) => RoutingPolicyRules.CompareRank(a, b, 2))).Select(w => w.SessionId));
        Assert.Equal(20, RoutingPolicyRules.PriorityNow(oldTimer, new RoutingPolicy(AgingPerMinute: 2), T0), 3);
    }

    [Fact]
    public void Policies_are_validated_and_their_steps_put_in_order()
    {
        var ok = RoutingPolicyRules.Validate("q", Steps with { Steps = [.. Steps.Steps!.Reverse()] });
        Assert.Equal(Steps.Steps!.Select(s => s.After), ok.Steps!.Select(s => s.After));
        foreach (var bad in new[]
        {
            new RoutingPolicy(Priority: -1), new RoutingPolicy(SkillLevel: 0), new RoutingPolicy(AgingPerMinute: Limits.AgingPerMinute + 1),
            new RoutingPolicy(Steps: [new RoutingStep(TimeSpan.FromSeconds(10))]),                                  // no action
            new RoutingPolicy(Steps: [new RoutingStep(TimeSpan.FromSeconds(10), SkillLevel: 2, AnyAgent: true)]),   // two
            new RoutingPolicy(Steps: [new RoutingStep(TimeSpan.Zero, AnyAgent: true)]),
            new RoutingPolicy(Steps: [new RoutingStep(TimeSpan.FromSeconds(10), OverflowTo: "q")]),                 // itself
            new RoutingPolicy(PriorityRules: [new PriorityRule("plan", "vip", 0)]),
        })
            Assert.Equal(ErrorCodes.Invalid, Assert.Throws<EngagementException>(() => RoutingPolicyRules.Validate("q", bad)).Code);
        var many = new RoutingPolicy(Steps: [.. Enumerable.Range(1, Limits.RoutingSteps + 1).Select(i => new RoutingStep(TimeSpan.FromSeconds(i), AnyAgent: true))]);
        Assert.Equal(ErrorCodes.TooLarge, Assert.Throws<EngagementException>(() => RoutingPolicyRules.Validate("q", many)).Code);
    }
}
