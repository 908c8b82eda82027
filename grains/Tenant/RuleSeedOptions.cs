using Microsoft.Extensions.Options;

namespace Engagement.Tenant;

/// <summary>
/// Proactive rules set when the tenant's rules were never configured, from "Engagement:Seed:Rules"
/// (development defaults in silo/appsettings.Development.json). Checked at start: a bad seed stops the node.
/// </summary>
public sealed class RuleSeedOptions
{
    public const string Section = "Engagement:Seed";

    public List<SeedRule> Rules { get; set; } = [];

    public ProactiveRule[] ToRules() => [.. Rules.Select(r => r.ToRule())];
}

/// <summary>A rule as configuration binds it (see <see cref="ProactiveRule"/> for the meaning of each field).</summary>
public sealed class SeedRule
{
    public string RuleId { get; set; } = "";
    public string Name { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public string? PagePattern { get; set; }
    public int? MinSecondsOnPage { get; set; }
    public int? ReturningWithinDays { get; set; }
    public bool RequireOpenSession { get; set; }
    public ProactiveAction Action { get; set; }
    public string Message { get; set; } = "";
    public string QueueId { get; set; } = "";

    public ProactiveRule ToRule() =>
        new(RuleId, Name, Enabled, PagePattern, MinSecondsOnPage, ReturningWithinDays, RequireOpenSession, Action, Message, QueueId);
}

internal sealed class RuleSeedOptionsValidator : IValidateOptions<RuleSeedOptions>
{
    public ValidateOptionsResult Validate(string? name, RuleSeedOptions options)
    {
        try
        {
            ProactiveRuleValidation.Validate(options.ToRules());
            return ValidateOptionsResult.Success;
        }
        catch (EngagementException ex)
        {
            return ValidateOptionsResult.Fail($"{RuleSeedOptions.Section}:Rules is invalid: {ex.Message}");
        }
    }
}
