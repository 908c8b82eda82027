namespace Engagement.Agents;

/// <summary>Persisted state of an agent. Presence is not stored: it is derived from live connections.</summary>
[GenerateSerializer, Alias("engagement.agent-state")]
public sealed class AgentState
{
    [Id(0)] public AgentProfile? Profile { get; set; }
    [Id(1)] public string? PasswordHash { get; set; }
    [Id(2)] public AgentChosenStatus Chosen { get; set; }
    [Id(3)] public List<string> ActiveSessions { get; set; } = [];
    [Id(4)] public DateTimeOffset IdleSince { get; set; }
    /// <summary>Why the agent chose away (lunch, training), when they gave a reason.</summary>
    [Id(5)] public string? AwayReason { get; set; }
    /// <summary>When the chosen status (or its reason) last changed.</summary>
    [Id(6)] public DateTimeOffset? ChosenSince { get; set; }
    /// <summary>Sessions whose call (ringing or live) holds one of the agent's call slots.</summary>
    [Id(7)] public List<string> Calls { get; set; } = [];
}
