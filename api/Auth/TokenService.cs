using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Engagement.Api.Auth;

/// <summary>A signed token and when it stops being accepted.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>Issues the signed JWTs clients present to the hubs and REST endpoints.</summary>
public sealed class TokenService(SigningKeys keys, IOptions<AuthOptions> options, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>A long-lived token for a visitor (anonymous "v_..." id) or an identified customer.</summary>
    public IssuedToken IssueVisitor(string customerId, string? displayName = null) =>
        Issue(TokenClaims.Audience, customerId, Roles.Visitor, displayName, options.Value.VisitorTokenLifetime);

    /// <summary>A working-day token for an agent, supervisor or admin.</summary>
    public IssuedToken IssueStaff(string agentId, StaffRole role, string displayName) =>
        Issue(TokenClaims.Audience, agentId, Roles.Of(role), displayName, options.Value.StaffTokenLifetime);

    /// <summary>
    /// A token for another audience than the API's, with the same subject, role and name (the Orleans dashboard's
    /// cookie): the API's own bearer handler refuses it.
    /// </summary>
    public IssuedToken IssueFor(string audience, string subject, string role, string? displayName, TimeSpan lifetime) =>
        Issue(audience, subject, role, displayName, lifetime);

    private IssuedToken Issue(string audience, string subject, string role, string? displayName, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        var claims = new Dictionary<string, object>
        {
            [TokenClaims.Subject] = subject,
            [TokenClaims.Role] = role,
            [TokenClaims.TokenId] = Guid.NewGuid().ToString("N"),
        };
        if (!string.IsNullOrEmpty(displayName))
        {
            claims[TokenClaims.Name] = displayName;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = TokenClaims.Issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        };
        return new IssuedToken(Handler.CreateToken(descriptor), expires);
    }
}
