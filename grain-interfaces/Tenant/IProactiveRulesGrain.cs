namespace Engagement;

/// <summary>The tenant's proactive rules. Key: <see cref="GrainKeys.ProactiveRules"/>.</summary>
[Alias("engagement.IProactiveRulesGrain")]
public interface IProactiveRulesGrain : IGrainWithStringKey
{
    [Alias("get-rules"), ReadOnly]
    Task<ProactiveRule[]> GetRules();

    /// <summary>Replaces the rules; validates them first.</summary>
    [Alias("set-rules")]
    Task<ProactiveRule[]> SetRules(ProactiveRule[] rules);
}
