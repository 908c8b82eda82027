using System.Net.Mail;
using Engagement.Api.Validation;

namespace Engagement.Api.Endpoints.Agents;

/// <summary>Validates the fields of an agent account and builds the profile the agent grain stores.</summary>
internal static class AgentProfileRules
{
    public const int DefaultCapacity = 3;

    public static AgentProfile Build(
        string agentId, string? displayName, string? email, StaffRole? role, string[]? skills,
        int? capacity, string[]? queues, string? title, string? photoUrl, Dictionary<string, int>? skillLevels = null,
        int? callCapacity = null, bool? callBlocksChats = null)
    {
        var checkedRole = role ?? StaffRole.Agent;
        if (!Enum.IsDefined(checkedRole))
        {
            throw new InputException("role", "role must be 'agent', 'supervisor', 'admin' or 'operator'.");
        }

        var checkedCapacity = capacity ?? DefaultCapacity;
        if (checkedCapacity is < Limits.CapacityMin or > Limits.CapacityMax)
        {
            throw new InputException("capacity", $"capacity must be between {Limits.CapacityMin} and {Limits.CapacityMax}.");
        }

        var checkedSkills = InputRules.IdList(skills, Limits.Skills, "skills");
        return new AgentProfile(
            agentId,
            InputRules.RequiredText(displayName, Limits.Name, "displayName"),
            Email(email),
            checkedRole,
            checkedSkills,
            checkedCapacity,
            InputRules.IdList(queues, Limits.Queues, "queues"),
            InputRules.OptionalText(title, Limits.Name, "title"),
            PhotoUrl(photoUrl),
            SkillLevels(skillLevels, checkedSkills),
            CallCapacity(callCapacity),
            callBlocksChats ?? false);
    }

    private static int? CallCapacity(int? calls) => calls is null or (>= 1 and <= Limits.CallCapacityMax)
        ? calls
        : throw new InputException("callCapacity", $"callCapacity must be between 1 and {Limits.CallCapacityMax}.");

    /// <summary>Each key one of the agent's skills (any case), each level 1 to <see cref="Limits.SkillLevelMax"/>.</summary>
    private static Dictionary<string, int>? SkillLevels(Dictionary<string, int>? levels, string[] skills)
    {
        if (levels is null) return null;
        foreach (var (skill, level) in levels)
        {
            if (!skills.Contains(skill, StringComparer.OrdinalIgnoreCase))
                throw new InputException("skillLevels", $"skillLevels names '{skill}', which is not in skills.");
            if (level is < 1 or > Limits.SkillLevelMax)
                throw new InputException("skillLevels", $"skillLevels.{skill} must be between 1 and {Limits.SkillLevelMax}.");
        }
        return levels;
    }

    public static string Email(string? email) => InputRules.Email(email);

    public static string Password(string? password)
    {
        if (password is null || password.Length < Limits.PasswordMin || password.Length > Limits.PasswordMax)
        {
            throw new InputException("password", $"password must be {Limits.PasswordMin} to {Limits.PasswordMax} characters.");
        }

        return password;
    }

    private static string? PhotoUrl(string? photoUrl)
    {
        var trimmed = InputRules.OptionalText(photoUrl, Limits.Url, "photoUrl");
        if (trimmed is not null
            && (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            throw new InputException("photoUrl", "photoUrl must be an absolute http or https URL.");
        }

        return trimmed;
    }
}
