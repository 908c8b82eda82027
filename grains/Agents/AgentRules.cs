namespace Engagement.Agents;

/// <summary>Pure rules for agents: presence derivation and profile validation.</summary>
public static class AgentRules
{
    /// <summary>
    /// Presence combines connection liveness, the agent's chosen status and load:
    /// offline without a live connection, away when chosen, busy at capacity, otherwise available.
    /// </summary>
    public static AgentPresence Presence(bool online, AgentChosenStatus chosen, int activeSessions, int capacity) =>
        !online ? AgentPresence.Offline
        : chosen == AgentChosenStatus.Away ? AgentPresence.Away
        : activeSessions >= capacity ? AgentPresence.Busy
        : AgentPresence.Available;

    /// <summary>Whether an agent can be offered another session now (one offer at a time, within capacity).</summary>
    public static bool CanTakeOffer(AgentPresence presence, int activeSessions, int pendingOffers, int capacity) =>
        presence == AgentPresence.Available && pendingOffers == 0 && activeSessions + pendingOffers < capacity;

    /// <summary>Throws <see cref="EngagementException"/> with a clear message when the profile is not acceptable.</summary>
    public static AgentProfile Validate(string agentId, AgentProfile profile)
    {
        if (profile.AgentId != agentId) throw EngagementException.Invalid("The profile's agentId does not match the agent.");
        if (profile.DisplayName?.Length > Limits.Name || profile.Email?.Length > Limits.Email
            || profile.Skills.Length > Limits.Skills || profile.Skills.Any(s => s?.Length > Limits.Id) || profile.Queues.Length > Limits.Queues)
            throw EngagementException.TooLarge(
                $"displayName is at most {Limits.Name} characters, email {Limits.Email}; at most {Limits.Skills} skills and {Limits.Queues} queues.");
        if (string.IsNullOrWhiteSpace(profile.DisplayName))
            throw EngagementException.Invalid($"displayName is 1 to {Limits.Name} characters.");
        if (string.IsNullOrWhiteSpace(profile.Email) || !profile.Email.Contains('@'))
            throw EngagementException.Invalid("email must be an email address.");
        if (profile.Capacity is < Limits.CapacityMin or > Limits.CapacityMax)
            throw EngagementException.Invalid($"capacity is {Limits.CapacityMin} to {Limits.CapacityMax} concurrent sessions.");
        if (profile.CallCapacity is < 1 or > Limits.CallCapacityMax)
            throw EngagementException.Invalid($"callCapacity is 1 to {Limits.CallCapacityMax} calls at once.");
        if (profile.Skills.Any(string.IsNullOrWhiteSpace) || profile.Queues.Any(q => !Ids.IsValid(q)))
            throw EngagementException.Invalid("skills are not blank; queues are ids (1 to 64 of A-Z, a-z, 0-9, '_' or '-').");
        var skills = profile.Skills.Select(s => s.Trim().ToLowerInvariant()).Distinct().ToArray();
        return profile with
        {
            DisplayName = profile.DisplayName.Trim(),
            Email = profile.Email.Trim(),
            Skills = skills,
            Queues = profile.Queues.Distinct().ToArray(),
            SkillLevels = Levels(profile.SkillLevels, skills),
        };
    }

    /// <summary>Levels only of the agent's own skills, each 1 to <see cref="Limits.SkillLevelMax"/>; level 1 is left out (it is every skill's default).</summary>
    private static Dictionary<string, int>? Levels(Dictionary<string, int>? levels, string[] skills)
    {
        if (levels is null || levels.Count == 0) return null;
        var kept = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (skill, level) in levels)
        {
            var key = skill?.Trim().ToLowerInvariant() ?? "";
            if (!skills.Contains(key)) throw EngagementException.Invalid($"skillLevels names '{skill}', which is not one of the agent's skills.");
            if (level is < 1 or > Limits.SkillLevelMax) throw EngagementException.Invalid($"A skill level is 1 to {Limits.SkillLevelMax}.");
            if (level > 1) kept[key] = level;
        }
        return kept.Count == 0 ? null : kept;
    }
}
