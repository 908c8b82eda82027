namespace Engagement.Agents;

/// <summary>Pure rules for agents: presence derivation and profile validation.</summary>
public static class AgentRules
{
    public const int MaxCapacity = 50;

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
        if (string.IsNullOrWhiteSpace(profile.DisplayName) || profile.DisplayName.Length > 100)
            throw EngagementException.Invalid("displayName is 1 to 100 characters.");
        if (string.IsNullOrWhiteSpace(profile.Email) || profile.Email.Length > 254 || !profile.Email.Contains('@'))
            throw EngagementException.Invalid("email must be an email address.");
        if (profile.Capacity is < 1 or > MaxCapacity)
            throw EngagementException.Invalid($"capacity is 1 to {MaxCapacity} concurrent sessions.");
        if (profile.Skills.Length > 50 || profile.Skills.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 64))
            throw EngagementException.Invalid("skills: at most 50, each 1 to 64 characters.");
        if (profile.Queues.Length > 50 || profile.Queues.Any(q => !Ids.IsValid(q)))
            throw EngagementException.Invalid("queues: at most 50 valid queue ids.");
        return profile with
        {
            DisplayName = profile.DisplayName.Trim(),
            Email = profile.Email.Trim(),
            Skills = profile.Skills.Select(s => s.Trim().ToLowerInvariant()).Distinct().ToArray(),
            Queues = profile.Queues.Distinct().ToArray(),
        };
    }
}
