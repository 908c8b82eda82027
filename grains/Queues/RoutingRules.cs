namespace Engagement.Queues;

/// <summary>
/// Pure routing rules: which agent gets the next offer, and the wait estimate shown to visitors.
/// Sessions are served in arrival order; among the agents who can take a session, the one idle the
/// longest goes first.
/// </summary>
public static class RoutingRules
{
    /// <summary>True when the agent has every required skill (case-insensitive).</summary>
    public static bool HasSkills(IEnumerable<string> agentSkills, IEnumerable<string> required)
    {
        var have = new HashSet<string>(agentSkills, StringComparer.OrdinalIgnoreCase);
        return required.All(have.Contains);
    }

    /// <summary>
    /// The longest-idle agent that is available, has spare capacity and the skills, holds no offer from
    /// this queue, and has not declined or let this session time out within <paramref name="retryAfter"/>.
    /// A session for a chosen representative (<paramref name="preferredAgentId"/>) waits for that one only.
    /// </summary>
    public static AgentRoutingState? PickAgent(
        IEnumerable<AgentRoutingState> roster,
        IReadOnlyCollection<string> requiredSkills,
        IReadOnlySet<string> agentsHoldingOffers,
        IReadOnlyDictionary<string, DateTimeOffset>? triedAt,
        DateTimeOffset now,
        TimeSpan retryAfter,
        string? preferredAgentId = null) =>
        roster
            .Where(a => preferredAgentId is null || a.AgentId == preferredAgentId)
            .Where(a => a.Presence == AgentPresence.Available && a.Load < a.Capacity)
            .Where(a => !agentsHoldingOffers.Contains(a.AgentId))
            .Where(a => triedAt is null || !triedAt.TryGetValue(a.AgentId, out var at) || now - at >= retryAfter)
            .Where(a => HasSkills(a.Skills, requiredSkills))
            .OrderBy(a => a.IdleSince)
            .ThenBy(a => a.AgentId, StringComparer.Ordinal)
            .FirstOrDefault();

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
        return d with { Name = d.Name.Trim(), Skills = d.Skills.Select(s => s.Trim().ToLowerInvariant()).Distinct().ToArray() };
    }
}
