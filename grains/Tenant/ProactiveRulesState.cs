namespace Engagement.Tenant;

[GenerateSerializer, Alias("engagement.proactive-rules-state")]
public sealed class ProactiveRulesState
{
    /// <summary>False until the rules were seeded or set once; an emptied list stays empty.</summary>
    [Id(0)] public bool Configured { get; set; }
    [Id(1)] public List<ProactiveRule> Rules { get; set; } = [];
}
