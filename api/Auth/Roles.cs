namespace Engagement.Api.Auth;

/// <summary>Values of the token's "role" claim, and the authorization policies built on them.</summary>
public static class Roles
{
    public const string Visitor = "visitor";
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
    public const string Operator = "operator";

    public static string Of(StaffRole role) => role switch
    {
        StaffRole.Agent => Agent,
        StaffRole.Supervisor => Supervisor,
        StaffRole.Admin => Admin,
        StaffRole.Operator => Operator,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown staff role."),
    };
}

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    /// <summary>A visitor or customer of the website.</summary>
    public const string Visitor = "visitor";

    /// <summary>Anyone who can take chats: agents, supervisors, admins.</summary>
    public const string Staff = "staff";

    /// <summary>Supervisors and admins.</summary>
    public const string Supervisor = "supervisor";

    public const string Admin = "admin";

    /// <summary>
    /// Who runs the cluster: the cluster view, drains, the Orleans dashboard. Operators and admins; an operator sees
    /// no customer data (docs/operations.md, "Cluster view and drain").
    /// </summary>
    public const string Operator = "operator";

    /// <summary>Any valid token but an operator's (visitors and staff who serve them); the grains decide what the caller may see.</summary>
    public const string Authenticated = "authenticated";
}
