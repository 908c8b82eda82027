using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Auth.Ingestion;

/// <summary>
/// Authenticates devices and back-end systems by API key, sent as "X-Api-Key: &lt;key&gt;" or
/// "Authorization: Bearer &lt;key&gt;". ASP.NET Core has no API-key scheme of its own and the registry offers
/// no maintained one, so this small handler is ours. Keys are compared as SHA-256 digests in constant time.
/// A bearer value that is no known key is left to the JWT scheme (an admin's token is accepted too).
/// </summary>
internal sealed class IngestionKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    IOptionsMonitor<IngestionOptions> ingestion,
    ILoggerFactory logging,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logging, encoder)
{
    public const string SchemeName = "IngestionKey";
    public const string HeaderName = "X-Api-Key";
    public const string Role = "ingestion";
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var fromHeader = Request.Headers[HeaderName].ToString();
        var authorization = Request.Headers.Authorization.ToString();
        var presented = fromHeader.Length > 0 ? fromHeader
            : authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? authorization[BearerPrefix.Length..].Trim()
            : null;
        if (string.IsNullOrEmpty(presented)) return Task.FromResult(AuthenticateResult.NoResult());

        if (Match(presented) is { } name)
        {
            var identity = new ClaimsIdentity([new Claim(TokenClaims.Subject, name), new Claim(TokenClaims.Role, Role)], SchemeName, TokenClaims.Subject, TokenClaims.Role);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
        return Task.FromResult(fromHeader.Length > 0 ? AuthenticateResult.Fail("The API key is not valid.") : AuthenticateResult.NoResult());
    }

    /// <summary>Runs after the JWT scheme's challenge (which set 401 and WWW-Authenticate): says what this endpoint accepts.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Unauthorized",
            Detail = "A valid API key (X-Api-Key or Authorization: Bearer) or an admin token is required.",
        };
        problem.Extensions["code"] = ErrorCodes.Unauthorized;
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = problem });
    }

    private string? Match(string presented)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? found = null;
        // Every key is compared, so the time taken does not tell which (or whether one) matched.
        foreach (var key in ingestion.CurrentValue.ApiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, SHA256.HashData(Encoding.UTF8.GetBytes(key.Key)))) found = key.Name;
        }
        return found;
    }
}
