using System.Security.Claims;

namespace Engagement.Api.Auth;

/// <summary>
/// The one place a validated principal becomes the grain-interfaces <see cref="Caller"/>. Grains authorize
/// on the caller, so this must read only claims the token signature vouches for.
/// </summary>
public static class CallerMapping
{
    public static Caller ToCaller(this ClaimsPrincipal principal)
    {
        var subject = principal.FindFirst(TokenClaims.Subject)?.Value;
        var role = principal.FindFirst(TokenClaims.Role)?.Value;
        if (principal.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(role))
        {
            throw EngagementException.Forbidden("The request carries no valid token.");
        }

        var kind = role switch
        {
            Roles.Visitor => CallerKind.Visitor,
            Roles.Agent => CallerKind.Agent,
            Roles.Supervisor => CallerKind.Supervisor,
            Roles.Admin => CallerKind.Admin,
            // Operators run the cluster (Policies.Operator); no grain serves them, so no customer data reaches them.
            Roles.Operator => throw EngagementException.Forbidden("Operators run the cluster; conversations and customers are not theirs to see."),
            _ => throw EngagementException.Forbidden($"The token's role '{role}' is not known."),
        };
        return new Caller(kind, subject, principal.FindFirst(TokenClaims.Name)?.Value);
    }
}
