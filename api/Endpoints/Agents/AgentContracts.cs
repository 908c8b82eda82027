namespace Engagement.Api.Endpoints.Agents;

/// <summary>A new staff account. <paramref name="AgentId"/> is generated ("a_...") when omitted.</summary>
public sealed record CreateAgentRequest(
    string? AgentId,
    string? DisplayName,
    string? Email,
    StaffRole? Role,
    string[]? Skills,
    int? Capacity,
    string[]? Queues,
    string? Title,
    string? PhotoUrl,
    string? Password,
    Dictionary<string, int>? SkillLevels = null,
    int? CallCapacity = null,
    bool? CallBlocksChats = null);

/// <summary>Replaces a staff account's profile; the password changes only when given.</summary>
public sealed record UpdateAgentRequest(
    string? DisplayName,
    string? Email,
    StaffRole? Role,
    string[]? Skills,
    int? Capacity,
    string[]? Queues,
    string? Title,
    string? PhotoUrl,
    string? Password,
    Dictionary<string, int>? SkillLevels = null,
    int? CallCapacity = null,
    bool? CallBlocksChats = null);

/// <summary>An account as admins see it: the profile and the live status.</summary>
public sealed record AgentDetails(AgentProfile Profile, AgentStatus Status);
