using Engagement.Context.Rules;

namespace Engagement.UnitTests.Context;

public class RuleEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> NoneFired = [];

    private static ProactiveRule Rule(string? page = "/pricing", int? seconds = null, int? days = null, bool open = false, ProactiveAction action = ProactiveAction.InviteVisitor) =>
        new("r1", "Rule", true, page, seconds, days, open, action, "Hi", "sales");

    private static VisitSnapshot Visit(string? page = "/pricing", TimeSpan? onPage = null, bool foreground = true,
        Dictionary<string, DateTimeOffset>? starts = null, string[]? open = null) =>
        new(page, T0 - (onPage ?? TimeSpan.Zero), foreground, T0.AddMinutes(-10), starts ?? [], open ?? [], T0);

    [Fact]
    public void A_dwell_rule_waits_until_the_visitor_has_been_on_the_page_long_enough()
    {
        var waiting = Assert.Single(RuleEvaluator.Evaluate([Rule(seconds: 30)], Visit(onPage: TimeSpan.FromSeconds(10)), NoneFired));
        Assert.False(waiting.Fire);
        Assert.Equal(T0.AddSeconds(20), waiting.CheckAgainAt);
        Assert.True(Assert.Single(RuleEvaluator.Evaluate([Rule(seconds: 30)], Visit(onPage: TimeSpan.FromSeconds(30)), NoneFired)).Fire);
    }

    [Theory]
    [InlineData("/pricing", true)]
    [InlineData("/PRICING/enterprise?x=1", true)]
    [InlineData("https://shop.example/pricing#plans", true)]
    [InlineData("/docs?from=/pricing", false)]
    [InlineData(null, false)]
    public void The_page_pattern_matches_the_path_case_insensitively(string? page, bool fires) =>
        Assert.Equal(fires, RuleEvaluator.Evaluate([Rule()], Visit(page), NoneFired).Any(d => d.Fire));

    [Fact]
    public void A_rule_fires_once_per_visit_and_disabled_rules_never()
    {
        Assert.Empty(RuleEvaluator.Evaluate([Rule()], Visit(), new HashSet<string> { "r1" }));
        Assert.Empty(RuleEvaluator.Evaluate([Rule() with { Enabled = false }], Visit(), NoneFired));
    }

    [Fact]
    public void Invitations_go_only_to_a_visible_tab_of_a_visitor_who_has_not_asked_for_help_on_this_visit()
    {
        Assert.Empty(RuleEvaluator.Evaluate([Rule()], Visit(foreground: false), NoneFired));
        var startedNow = new Dictionary<string, DateTimeOffset> { ["s1"] = T0.AddMinutes(-1) };
        Assert.Empty(RuleEvaluator.Evaluate([Rule()], Visit(starts: startedNow, open: ["s1"]), NoneFired));
        // Agents may still be alerted about them.
        Assert.True(Assert.Single(RuleEvaluator.Evaluate([Rule(action: ProactiveAction.NotifyAgents)], Visit(foreground: false), NoneFired)).Fire);
    }

    [Fact]
    public void A_returning_customer_had_a_session_before_this_visit_within_the_days_and_open_if_required()
    {
        var rule = Rule(page: null, days: 7, open: true, action: ProactiveAction.NotifyAgents);
        var lastWeek = new Dictionary<string, DateTimeOffset> { ["old"] = T0.AddDays(-8), ["recent"] = T0.AddDays(-2) };
        Assert.True(Assert.Single(RuleEvaluator.Evaluate([rule], Visit(starts: lastWeek, open: ["recent"]), NoneFired)).Fire);
        Assert.Empty(RuleEvaluator.Evaluate([rule], Visit(starts: lastWeek, open: ["old"]), NoneFired));
        Assert.Empty(RuleEvaluator.Evaluate([rule], Visit(starts: lastWeek, open: []), NoneFired));
        Assert.True(Assert.Single(RuleEvaluator.Evaluate([rule with { RequireOpenSession = false }], Visit(starts: lastWeek), NoneFired)).Fire);
        var duringThisVisit = new Dictionary<string, DateTimeOffset> { ["now"] = T0.AddMinutes(-1) };
        Assert.Empty(RuleEvaluator.Evaluate([rule], Visit(starts: duringThisVisit, open: ["now"]), NoneFired));
    }
}
