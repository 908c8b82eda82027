using System.Net.Mail;
using Engagement.Api.Validation;

namespace Engagement.Api.Endpoints.Agents;

/// <summary>Validates the fields of an agent account and builds the profile the agent grain stores.</summary>
internal static class AgentProfileRules
{
    public const int DefaultCapacity = 3;

    public static AgentProfile Build(
        string agentId, string? displayName, string? email, StaffRole? role, string[]? skills,
        int? capacity, string[]? queues, string? title, string? photoUrl)
    {
        var checkedRole = role ?? StaffRole.Agent;
        if (!Enum.IsDefined(checkedRole))
        {
            throw new InputException("role", "role must be 'agent', 'supervisor' or 'admin'.");
        }

        var checkedCapacity = capacity ?? DefaultCapacity;
        if (checkedCapacity is < InputLimits.CapacityMin or > InputLimits.CapacityMax)
        {
            throw new InputException("capacity", $"capacity must be between {InputLimits.CapacityMin} and {InputLimits.CapacityMax}.");
        }

        return new AgentProfile(
            agentId,
            InputRules.RequiredText(displayName, InputLimits.DisplayNameMax, "displayName"),
            Email(email),
            checkedRole,
            InputRules.IdList(skills, InputLimits.SkillsMax, "skills"),
            checkedCapacity,
            InputRules.IdList(queues, InputLimits.QueuesMax, "queues"),
            InputRules.OptionalText(title, InputLimits.DisplayNameMax, "title"),
            PhotoUrl(photoUrl));
    }

    public static string Email(string? email)
    {
        var trimmed = InputRules.RequiredText(email, InputLimits.EmailMax, "email");
        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed)
        {
            throw new InputException("email", "email is not a valid address (name@example.com).");
        }

        return trimmed;
    }

    public static string Password(string? password)
    {
        if (password is null || password.Length < InputLimits.PasswordMin || password.Length > InputLimits.PasswordMax)
        {
            throw new InputException("password", $"password must be {InputLimits.PasswordMin} to {InputLimits.PasswordMax} characters.");
        }

        return password;
    }

    private static string? PhotoUrl(string? photoUrl)
    {
        var trimmed = InputRules.OptionalText(photoUrl, InputLimits.UrlMax, "photoUrl");
        if (trimmed is not null
            && (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            throw new InputException("photoUrl", "photoUrl must be an absolute http or https URL.");
        }

        return trimmed;
    }
}
