namespace Engagement;

/// <summary>Pure rules of a queue's <see cref="SlaPolicy"/>: which targets a session of some priority gets, and what a policy may say.</summary>
public static class SlaPolicyRules
{
    /// <summary>The policy's targets, overridden by the highest band whose minimum <paramref name="priority"/> reaches.</summary>
    public static SlaTargets TargetsFor(SlaPolicy policy, int priority)
    {
        var targets = new SlaTargets(policy.FirstResponse, policy.NextResponse, policy.Resolution);
        var band = (policy.Bands ?? []).Where(b => b.MinPriority <= priority).MaxBy(b => b.MinPriority);
        return band is null ? targets : new SlaTargets(
            band.FirstResponse ?? targets.FirstResponse, band.NextResponse ?? targets.NextResponse, band.Resolution ?? targets.Resolution);
    }

    /// <summary>Throws <see cref="EngagementException"/> unless the policy is acceptable (for a queue with or without hours); returns it with its bands in order.</summary>
    public static SlaPolicy Validate(SlaPolicy policy, bool queueHasHours)
    {
        CheckTargets("sla", policy.FirstResponse, policy.NextResponse, policy.Resolution);
        var bands = policy.Bands ?? [];
        if (bands.Length > Limits.SlaBands) throw EngagementException.TooLarge($"sla.bands holds at most {Limits.SlaBands} bands.");
        foreach (var band in bands)
        {
            if (band is null) throw EngagementException.Invalid("sla.bands may not hold null.");
            if (band.MinPriority is < 0 or > Limits.Priority) throw EngagementException.Invalid($"A band's minPriority is 0 to {Limits.Priority}.");
            if (band.FirstResponse is null && band.NextResponse is null && band.Resolution is null)
                throw EngagementException.Invalid("A band sets at least one of firstResponse, nextResponse, resolution.");
            CheckTargets("A band's", band.FirstResponse, band.NextResponse, band.Resolution);
        }
        if (bands.Select(b => b.MinPriority).Distinct().Count() != bands.Length) throw EngagementException.Invalid("Each band has its own minPriority.");
        if (policy.FirstResponse is null && policy.NextResponse is null && policy.Resolution is null && bands.Length == 0)
            throw EngagementException.Invalid("sla sets at least one target (firstResponse, nextResponse, resolution) or a band.");
        if (policy.BusinessHoursOnly && !queueHasHours)
            throw EngagementException.Invalid("sla.businessHoursOnly needs the queue's business hours (hours).");
        return policy with { Bands = bands.OrderBy(b => b.MinPriority).ToArray() };
    }

    private static void CheckTargets(string owner, params TimeSpan?[] targets)
    {
        foreach (var target in targets)
            if (target is { } t && (t < SlaPolicy.MinTarget || t > SlaPolicy.MaxTarget))
                throw EngagementException.Invalid($"{owner} targets are between {SlaPolicy.MinTarget:c} and {SlaPolicy.MaxTarget:c}.");
    }
}
