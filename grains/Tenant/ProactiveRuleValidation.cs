namespace Engagement.Tenant;

/// <summary>Checks and normalizes proactive rules; every failure names the rule and field (rules[1].minSecondsOnPage).</summary>
public static class ProactiveRuleValidation
{
    public const int MaxSecondsOnPage = 86_400;
    public const int MaxReturningDays = 365;

    /// <summary>Returns the rules trimmed; throws <see cref="EngagementException"/> (invalid) on the first broken rule.</summary>
    public static ProactiveRule[] Validate(IReadOnlyList<ProactiveRule?>? rules)
    {
        if (rules is null) throw EngagementException.Invalid("rules is required (send [] for none).");
        if (rules.Count > Limits.ProactiveRules) throw EngagementException.TooLarge($"At most {Limits.ProactiveRules} rules.");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var result = new ProactiveRule[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            var at = $"rules[{i}]";
            var rule = rules[i] ?? throw EngagementException.Invalid($"{at} is null.");
            if (!Ids.IsValid(rule.RuleId)) throw EngagementException.Invalid($"{at}.ruleId must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'.");
            if (!ids.Add(rule.RuleId)) throw EngagementException.Invalid($"{at}.ruleId '{rule.RuleId}' is used twice.");
            var name = Text(rule.Name, Limits.Name, $"{at}.name", required: true)!;
            var message = Text(rule.Message, Limits.InvitationMessage, $"{at}.message", required: true)!;
            var pattern = Text(rule.PagePattern, Limits.RulePagePattern, $"{at}.pagePattern", required: false);
            if (!Ids.IsValid(rule.QueueId)) throw EngagementException.Invalid($"{at}.queueId must be a queue id.");
            if (rule.MinSecondsOnPage is < 1 or > MaxSecondsOnPage)
                throw EngagementException.Invalid($"{at}.minSecondsOnPage must be 1 to {MaxSecondsOnPage:N0} (or null).");
            if (rule.MinSecondsOnPage is not null && pattern is null)
                throw EngagementException.Invalid($"{at}.minSecondsOnPage needs a pagePattern (the page to stay on).");
            if (rule.ReturningWithinDays is < 1 or > MaxReturningDays)
                throw EngagementException.Invalid($"{at}.returningWithinDays must be 1 to {MaxReturningDays} (or null).");
            if (rule.RequireOpenSession && rule.ReturningWithinDays is null)
                throw EngagementException.Invalid($"{at}.requireOpenSession needs returningWithinDays.");
            if (pattern is null && rule.ReturningWithinDays is null)
                throw EngagementException.Invalid($"{at} needs a condition: pagePattern or returningWithinDays.");
            if (!Enum.IsDefined(rule.Action)) throw EngagementException.Invalid($"{at}.action must be 'inviteVisitor' or 'notifyAgents'.");
            result[i] = rule with { Name = name, Message = message, PagePattern = pattern };
        }
        return result;
    }

    private static string? Text(string? value, int max, string field, bool required)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return required ? throw EngagementException.Invalid($"{field} is required.") : null;
        if (trimmed.Length > max) throw EngagementException.TooLarge($"{field} is longer than {max} characters.");
        if (trimmed.Any(char.IsControl)) throw EngagementException.Invalid($"{field} contains control characters.");
        return trimmed;
    }
}
