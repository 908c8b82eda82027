using Engagement.Tenant;

namespace Engagement.UnitTests.Tenant;

public class ProactiveRuleValidationTests
{
    private static ProactiveRule Valid(string id = "r1") =>
        new(id, " Pricing ", true, "/pricing", 30, null, false, ProactiveAction.InviteVisitor, " Can we help? ", "sales");

    [Fact]
    public void Valid_rules_come_back_trimmed()
    {
        var rule = Assert.Single(ProactiveRuleValidation.Validate([Valid()]));
        Assert.Equal(("Pricing", "Can we help?"), (rule.Name, rule.Message));
    }

    public static TheoryData<ProactiveRule, string> Broken => new()
    {
        { Valid() with { RuleId = "bad id" }, "rules[0].ruleId" },
        { Valid() with { Name = "" }, "rules[0].name is required" },
        { Valid() with { Message = new string('m', 501) }, "rules[0].message is longer than 500" },
        { Valid() with { PagePattern = null, MinSecondsOnPage = null }, "rules[0] needs a condition" },
        { Valid() with { PagePattern = null }, "minSecondsOnPage needs a pagePattern" },
        { Valid() with { MinSecondsOnPage = 0 }, "minSecondsOnPage must be 1 to 86,400" },
        { Valid() with { ReturningWithinDays = 400 }, "returningWithinDays must be 1 to 365" },
        { Valid() with { RequireOpenSession = true }, "requireOpenSession needs returningWithinDays" },
        { Valid() with { QueueId = "" }, "rules[0].queueId" },
        { Valid() with { Action = (ProactiveAction)7 }, "rules[0].action" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Broken_rules_are_refused_naming_the_rule_and_field(ProactiveRule rule, string says)
    {
        var error = Assert.Throws<EngagementException>(() => ProactiveRuleValidation.Validate([rule]));
        Assert.Equal(says.Contains("longer than") ? ErrorCodes.TooLarge : ErrorCodes.Invalid, error.Code);
        Assert.Contains(says, error.Message);
    }

    [Fact]
    public void Rule_ids_are_unique_and_the_list_is_bounded()
    {
        Assert.Contains("used twice", Assert.Throws<EngagementException>(() => ProactiveRuleValidation.Validate([Valid(), Valid()])).Message);
        Assert.Throws<EngagementException>(() => ProactiveRuleValidation.Validate([.. Enumerable.Range(0, 51).Select(i => Valid($"r{i}"))]));
        Assert.Empty(ProactiveRuleValidation.Validate([]));
    }
}
