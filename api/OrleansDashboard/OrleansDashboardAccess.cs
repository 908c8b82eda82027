using System.Security.Claims;
using Engagement.Api.Audit;
using Engagement.Api.Auth;
using Engagement.Api.Endpoints.Errors;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Engagement.Api.OrleansDashboard;

/// <summary>
/// Who may open the Orleans dashboard (operators), and how a browser proves it on a page load, which carries no
/// bearer header. An operator opens it from the admin pages: <see cref="SessionRoute"/>, called with their bearer
/// token, sets a cookie holding a short token for the dashboard's own audience. The browser sends that cookie only to
/// the dashboard's path (HttpOnly, SameSite=Strict, Secure over HTTPS), only the dashboard's scheme reads it, and the
/// API's bearer handler refuses its audience. A token rather than a cookie ticket: every silo checks it with the
/// cluster's signing key (ASP.NET cookie tickets would need a Data Protection key ring shared by the silos).
/// Tools may send their ordinary bearer token to the dashboard instead.
/// </summary>
public static class OrleansDashboardAccess
{
    public const string Scheme = "orleans-dashboard";
    public const string Policy = "orleans-dashboard";
    public const string Audience = "engagement-orleans-dashboard";
    public const string CookieName = "engagement_orleans_dashboard";
    public const string SessionRoute = "/api/orleans-dashboard/session";

    /// <summary>Where an anonymous page load of the dashboard is sent: the cluster view's sign-in (operators and admins).</summary>
    public const string SignInPage = "/operator/";

    internal static IServiceCollection AddOrleansDashboardAccess(this IServiceCollection services)
    {
        services.AddSettings<OrleansDashboardOptions>();
        services.AddAuthentication().AddJwtBearer(Scheme);
        services.AddOptions<JwtBearerOptions>(Scheme).Configure<SigningKeys>((options, keys) =>
        {
            options.MapInboundClaims = false;
            options.SaveToken = false;
            var parameters = TokenClaims.ValidationParameters(keys.Key);
            parameters.ValidAudience = Audience;
            options.TokenValidationParameters = parameters;
            options.Events = new JwtBearerEvents { OnMessageReceived = ReadCookie, OnChallenge = SendPageLoadsToSignIn };
        });
        // The bearer scheme first: a page load's challenge by the dashboard's scheme, last, is the one that answers.
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme, Scheme)
            .RequireOperator());
        return services;
    }

    internal static IEndpointRouteBuilder MapOrleansDashboardSession(this IEndpointRouteBuilder routes)
    {
        // Audited although it changes nothing: it opens a view inside the cluster, as a supervisor's monitoring does.
        routes.MapPost(SessionRoute, OpenSession).RequireAuthorization(Policies.Operator).Audited("orleans_dashboard.open", "orleans_dashboard")
            .WithTags("Operations").WithSummary("Opens the Orleans dashboard in this browser: a short-lived cookie for its path.");
        return routes;
    }

    /// <summary>The cookie, on the dashboard's path only; without one this scheme stays out of the way.</summary>
    private static Task ReadCookie(MessageReceivedContext context)
    {
        if (context.Request.Path.StartsWithSegments(OrleansDashboardOptions.Path) && context.Request.Cookies[CookieName] is { Length: > 0 } token)
            context.Token = token;
        else
            context.NoResult();
        return Task.CompletedTask;
    }

    /// <summary>A browser opening the page gets the sign-in page; the page's own requests (JSON) get the plain 401.</summary>
    private static Task SendPageLoadsToSignIn(JwtBearerChallengeContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && request.Headers[HeaderNames.Accept].ToString().Contains("text/html", StringComparison.Ordinal))
        {
            context.HandleResponse();
            context.Response.Redirect(SignInPage);
        }

        return Task.CompletedTask;
    }

    private static Results<Ok<OrleansDashboardSession>, ProblemHttpResult> OpenSession(
        HttpContext http, ClaimsPrincipal user, TokenService tokens, IOptions<OrleansDashboardOptions> options, TimeProvider time)
    {
        if (!options.Value.Enabled)
        {
            return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Not found",
                $"The Orleans dashboard is off on this cluster ({OrleansDashboardOptions.Section}:{nameof(OrleansDashboardOptions.Enabled)}).");
        }

        // Never longer than the sign-in it comes from.
        var signedInUntil = DateTimeOffset.FromUnixTimeSeconds(long.Parse(user.FindFirstValue("exp")!, System.Globalization.CultureInfo.InvariantCulture));
        var lifetime = TimeSpan.FromTicks(Math.Min(options.Value.SessionLifetime.Ticks, (signedInUntil - time.GetUtcNow()).Ticks));
        var token = tokens.IssueFor(Audience, user.FindFirstValue(TokenClaims.Subject)!, user.FindFirstValue(TokenClaims.Role)!,
            user.FindFirstValue(TokenClaims.Name), lifetime);
        http.Response.Cookies.Append(CookieName, token.Token, new CookieOptions
        {
            Path = OrleansDashboardOptions.Path,
            HttpOnly = true,
            SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Expires = token.ExpiresAt,
            IsEssential = true,
        });
        return TypedResults.Ok(new OrleansDashboardSession(OrleansDashboardOptions.Path + "/", token.ExpiresAt));
    }
}

/// <summary>The dashboard's address and when this browser's cookie for it runs out.</summary>
public sealed record OrleansDashboardSession(string Url, DateTimeOffset ExpiresAt);
