namespace Engagement.Api.Endpoints.Visitors;

/// <summary>A visitor token and whose it is.</summary>
/// <param name="CustomerId">The token's subject: "v_..." for an anonymous visitor, the company's id once identified.</param>
/// <param name="IsKnown">True once identified.</param>
public sealed record VisitorTokenResponse(string CustomerId, bool IsKnown, string Token, DateTimeOffset ExpiresAt);

/// <summary>Proof from the company's server of who the visitor is.</summary>
/// <param name="CustomerId">The company's own customer id.</param>
/// <param name="Traits">Attributes to store on the customer (name, email, plan...).</param>
/// <param name="UserHash">Hex HMAC-SHA256 of <paramref name="CustomerId"/> under the site's identity secret.</param>
public sealed record IdentifyRequest(string? CustomerId, Dictionary<string, string?>? Traits, string? UserHash);
