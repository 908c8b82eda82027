namespace Engagement.Queues;

/// <summary>
/// Pure routing rules: which agent gets the next offer, and the wait estimate shown to visitors. Sessions are
/// served in rank order (<see cref="RoutingPolicyRules"/>); among the agents who can take a session, the one idle
/// the longest goes first.
/// </summary>
public static class RoutingRules
{
    /// <summary>The agent's level in <paramref name="skill"/>: 0 without it, else its stated level or 1.</summary>
    public static int LevelOf(AgentRoutingState agent, string skill)
    {
        foreach (var have in agent.Skills)
            if (string.Equals(have, skill, StringComparison.OrdinalIgnoreCase))
                return agent.SkillLevels?.GetValueOrDefault(have, 1) ?? 1;
        return 0;
    }

    /// <summary>True when the agent has every required skill at <paramref name="minLevel"/> or above, or the demand takes any agent.</summary>
    public static bool CanServe(AgentRoutingState agent, IReadOnlyCollection<string> requiredSkills, RoutingDemand demand)
    {
        if (demand.AnyAgent) return true;
        foreach (var skill in requiredSkills)
            if (LevelOf(agent, skill) < demand.SkillLevel) return false;
        return true;
    }

    /// <summary>An agent a queue may offer to now: available, with a free slot, and holding no offer from it.</summary>
    public static bool IsFree(AgentRoutingState agent) => agent.Presence == AgentPresence.Available && agent.Load < agent.Capacity;

    /// <summary>
    /// The agent among <paramref name="free"/> to offer the session to. Agents the session was never offered to come
    /// first, longest idle first; one who declined it or let it time out is offered it again only when no such agent
    /// is free, and not within <paramref name="retryAfter"/> of that. A session for a chosen representative
    /// (<see cref="QueuedSession.PreferredAgentId"/>) waits for that one only.
    /// </summary>
    public static AgentRoutingState? PickAgent(
        IEnumerable<AgentRoutingState> free,
        QueuedSession session,
        RoutingDemand demand,
        IReadOnlyDictionary<string, DateTimeOffset>? triedAt,
        DateTimeOffset now,
        TimeSpan retryAfter)
    {
        AgentRoutingState? fresh = null, again = null;
        var againAt = DateTimeOffset.MaxValue;
        foreach (var agent in free)
        {
            if (session.PreferredAgentId is { } preferred && agent.AgentId != preferred) continue;
            if (!CanServe(agent, session.RequiredSkills, demand)) continue;
            if (triedAt is not null && triedAt.TryGetValue(agent.AgentId, out var tried))
            {
                if (now - tried >= retryAfter && tried < againAt) (again, againAt) = (agent, tried);
            }
            else if (fresh is null || IdleLonger(agent, fresh))
            {
                fresh = agent;
            }
        }
        return fresh ?? again;
    }

    private static bool IdleLonger(AgentRoutingState a, AgentRoutingState b) =>
        a.IdleSince < b.IdleSince || (a.IdleSince == b.IdleSince && string.CompareOrdinal(a.AgentId, b.AgentId) < 0);

    /// <summary>
    /// Estimated wait for the session at <paramref name="position"/> (1-based): position times the mean
    /// interval between recent answers. Null until the queue has answered at least twice.
    /// </summary>
    public static TimeSpan? EstimateWait(int position, IReadOnlyList<DateTimeOffset> recentAnswers)
    {
        if (recentAnswers.Count < 2 || position < 1) return null;
        var span = recentAnswers[^1] - recentAnswers[0];
        var interval = span / (recentAnswers.Count - 1);
        return interval * position;
    }

    /// <summary>Throws <see cref="EngagementException"/> unless the definition is acceptable; returns it normalized.</summary>
    public static QueueDefinition Validate(string queueId, QueueDefinition d)
    {
        if (d.QueueId != queueId) throw EngagementException.Invalid("The definition's queueId does not match the queue.");
        if (d.Name?.Length > Limits.Name) throw EngagementException.TooLarge($"name is longer than {Limits.Name} characters.");
        if (string.IsNullOrWhiteSpace(d.Name)) throw EngagementException.Invalid($"name is 1 to {Limits.Name} characters.");
        if (d.OfferTimeout < QueueDefinition.MinOfferTimeout || d.OfferTimeout > QueueDefinition.MaxOfferTimeout)
            throw EngagementException.Invalid($"offerTimeout is between {QueueDefinition.MinOfferTimeout:c} and {QueueDefinition.MaxOfferTimeout:c}.");
        if (d.SlaTarget < QueueDefinition.MinSlaTarget || d.SlaTarget > QueueDefinition.MaxSlaTarget)
            throw EngagementException.Invalid($"slaTarget is between {QueueDefinition.MinSlaTarget:c} and {QueueDefinition.MaxSlaTarget:c}.");
        if (d.Skills.Length > Limits.Skills || d.Skills.Any(s => s?.Length > Limits.Id))
            throw EngagementException.TooLarge($"skills: at most {Limits.Skills}, each 1 to {Limits.Id} characters.");
        if (d.Skills.Any(string.IsNullOrWhiteSpace)) throw EngagementException.Invalid("skills may not be blank.");
        return d with
        {
            Name = d.Name.Trim(),
            Skills = d.Skills.Select(s => s.Trim().ToLowerInvariant()).Distinct().ToArray(),
            Routing = d.Routing is null ? null : RoutingPolicyRules.Validate(queueId, d.Routing),
            Sla = d.Sla is null ? null : SlaPolicyRules.Validate(d.Sla, d.Hours is not null),
        };
    }
}
