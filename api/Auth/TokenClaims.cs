using Microsoft.IdentityModel.Tokens;

namespace Engagement.Api.Auth;

/// <summary>The shape of every token: issuer, audience, claim names, and how they are checked.</summary>
public static class TokenClaims
{
    public const string Issuer = "engagement";
    public const string Audience = "engagement";

    public const string Subject = "sub";
    public const string Role = "role";
    public const string Name = "name";
    public const string TokenId = "jti";

    /// <summary>The one set of rules used both by the JWT bearer handler and by the unit tests.</summary>
    public static TokenValidationParameters ValidationParameters(SecurityKey key) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateIssuerSigningKey = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = TimeSpan.FromMinutes(1),
        NameClaimType = Name,
        RoleClaimType = Role,
    };
}
