namespace Engagement;

/// <summary>What a queue asks of an agent for one session at one moment, after the steps reached so far.</summary>
/// <param name="SkillLevel">The least level needed in each required skill.</param>
/// <param name="AnyAgent">Skills no longer count: any agent serving the queue.</param>
/// <param name="OverflowTo">The queue the session is to move to, once reached.</param>
/// <param name="LeaveMessageOffered">The visitor may leave a message instead of waiting.</param>
public readonly record struct RoutingDemand(int SkillLevel, bool AnyAgent, string? OverflowTo, bool LeaveMessageOffered)
{
    public static readonly RoutingDemand AnyLevel = new(1, false, null, false);
}

/// <summary>
/// Pure rules of a queue's <see cref="RoutingPolicy"/>: a session's starting priority, its rank among the waiting,
/// and what the queue asks once it has waited a while.
/// </summary>
public static class RoutingPolicyRules
{
    /// <summary>The queue's priority plus the boosts of the rules the contact's attributes meet, at most <see cref="Limits.Priority"/>.</summary>
    public static int PriorityOf(RoutingPolicy policy, IReadOnlyDictionary<string, string>? attributes)
    {
        var priority = policy.Priority;
        if (attributes is not null)
            foreach (var rule in policy.PriorityRules ?? [])
                if (attributes.TryGetValue(rule.Attribute, out var value) && string.Equals(value?.Trim(), rule.Value, StringComparison.OrdinalIgnoreCase))
                    priority += rule.Boost;
        return Math.Min(priority, Limits.Priority);
    }

    /// <summary>A session's priority now: the one it came with, plus <see cref="RoutingPolicy.AgingPerMinute"/> for each minute waited.</summary>
    public static double PriorityNow(QueuedSession session, RoutingPolicy policy, DateTimeOffset now) =>
        session.Priority + policy.AgingPerMinute * Math.Max(0, (now - session.EnqueuedAt).TotalMinutes);

    /// <summary>
    /// Orders the waiting: the higher priority now first, then the longer wait. Every session of a queue ages at the same
    /// rate, so this order never changes with time and the waiting list can stay sorted.
    /// </summary>
    public static int CompareRank(QueuedSession a, QueuedSession b, int agingPerMinute)
    {
        var byPriority = RankKey(b, agingPerMinute).CompareTo(RankKey(a, agingPerMinute));
        if (byPriority != 0) return byPriority;
        var byWait = a.EnqueuedAt.CompareTo(b.EnqueuedAt);
        return byWait != 0 ? byWait : string.CompareOrdinal(a.SessionId, b.SessionId);
    }

    /// <summary>Priority now minus what every session will gain alike: the priority at the Unix epoch, as it were.</summary>
    private static double RankKey(QueuedSession s, int agingPerMinute) =>
        s.Priority - agingPerMinute * (s.EnqueuedAt - DateTimeOffset.UnixEpoch).TotalMinutes;

    /// <summary>The demand after the session has waited <paramref name="waited"/> in the queue: every step reached applies, later ones over earlier.</summary>
    public static RoutingDemand DemandAfter(RoutingPolicy? policy, TimeSpan waited)
    {
        if (policy is null) return RoutingDemand.AnyLevel;
        var demand = new RoutingDemand(policy.SkillLevel, false, null, false);
        foreach (var step in policy.Steps ?? [])
        {
            if (step.After > waited) break; // steps are stored in order
            demand = demand with
            {
                SkillLevel = step.SkillLevel ?? demand.SkillLevel,
                AnyAgent = demand.AnyAgent || step.AnyAgent,
                OverflowTo = step.OverflowTo ?? demand.OverflowTo,
                LeaveMessageOffered = demand.LeaveMessageOffered || step.OfferLeaveMessage,
            };
        }
        return demand;
    }

    /// <summary>Throws <see cref="EngagementException"/> unless the policy is acceptable; returns it with its steps in order.</summary>
    public static RoutingPolicy Validate(string queueId, RoutingPolicy policy)
    {
        if (policy.Priority is < 0 or > Limits.Priority) throw EngagementException.Invalid($"routing.priority is 0 to {Limits.Priority}.");
        if (policy.AgingPerMinute is < 0 or > Limits.AgingPerMinute) throw EngagementException.Invalid($"routing.agingPerMinute is 0 to {Limits.AgingPerMinute}.");
        if (policy.SkillLevel is < 1 or > Limits.SkillLevelMax) throw EngagementException.Invalid($"routing.skillLevel is 1 to {Limits.SkillLevelMax}.");
        var rules = policy.PriorityRules ?? [];
        if (rules.Length > Limits.PriorityRules) throw EngagementException.TooLarge($"routing.priorityRules holds at most {Limits.PriorityRules} rules.");
        foreach (var rule in rules)
        {
            if (string.IsNullOrWhiteSpace(rule.Attribute) || rule.Attribute.Length > Limits.AttributeKey || rule.Value is null || rule.Value.Length > Limits.AttributeValue)
                throw EngagementException.Invalid($"A priority rule names an attribute (1 to {Limits.AttributeKey} characters) and a value (at most {Limits.AttributeValue}).");
            if (rule.Boost is < 1 or > Limits.Priority) throw EngagementException.Invalid($"A priority rule's boost is 1 to {Limits.Priority}.");
        }
        var steps = policy.Steps ?? [];
        if (steps.Length > Limits.RoutingSteps) throw EngagementException.TooLarge($"routing.steps holds at most {Limits.RoutingSteps} steps.");
        foreach (var step in steps)
        {
            if (step.After < RoutingStep.MinAfter || step.After > RoutingStep.MaxAfter)
                throw EngagementException.Invalid($"A step's after is between {RoutingStep.MinAfter:c} and {RoutingStep.MaxAfter:c}.");
            var actions = (step.SkillLevel is null ? 0 : 1) + (step.AnyAgent ? 1 : 0) + (step.OverflowTo is null ? 0 : 1) + (step.OfferLeaveMessage ? 1 : 0);
            if (actions != 1) throw EngagementException.Invalid("A step does exactly one of: skillLevel, anyAgent, overflowTo, offerLeaveMessage.");
            if (step.SkillLevel is < 1 or > Limits.SkillLevelMax) throw EngagementException.Invalid($"A step's skillLevel is 1 to {Limits.SkillLevelMax}.");
            if (step.OverflowTo is { } target && (!Ids.IsValid(target) || target == queueId))
                throw EngagementException.Invalid("A step's overflowTo is another queue's id.");
        }
        return policy with
        {
            PriorityRules = rules.Select(r => r with { Attribute = r.Attribute.Trim(), Value = r.Value.Trim() }).ToArray(),
            Steps = steps.OrderBy(s => s.After).ToArray(),
        };
    }
}
