using Microsoft.Extensions.Options;

namespace Engagement.Tenant;

/// <summary>
/// The tenant's proactive rules (one grain, <see cref="GrainKeys.ProactiveRules"/>). Customers read them through the
/// per-silo <see cref="ProactiveRulesCache"/>, not on every page view. Seeded from configuration the first time.
/// </summary>
[GrainType("proactive-rules")]
internal sealed class ProactiveRulesGrain(
    [PersistentState("proactive-rules", "store")] IPersistentState<ProactiveRulesState> state,
    IOptions<RuleSeedOptions> seed) : Grain, IProactiveRulesGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Configured) return;
        var rules = ProactiveRuleValidation.Validate(seed.Value.ToRules());
        if (rules.Length == 0) return;
        state.State.Rules = [.. rules];
        state.State.Configured = true;
        await state.WriteStateAsync(cancellationToken);
    }

    public Task<ProactiveRule[]> GetRules() => Task.FromResult(state.State.Rules.ToArray());

    public async Task<ProactiveRule[]> SetRules(ProactiveRule[] rules)
    {
        var valid = ProactiveRuleValidation.Validate(rules);
        state.State.Rules = [.. valid];
        state.State.Configured = true;
        await state.WriteStateAsync();
        return valid;
    }
}
