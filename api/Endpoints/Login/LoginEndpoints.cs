using Microsoft.AspNetCore.Identity;
using Engagement.Api.Auth;
using Engagement.Api.Endpoints.Errors;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Endpoints.Login;

/// <summary>Staff sign-in: email and password in, a staff token out.</summary>
internal static class LoginEndpoints
{
    /// <summary>One answer for an unknown email and a wrong password, so sign-in does not reveal who has an account.</summary>
    public const string BadCredentials = "The email or password is not correct.";

    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/auth/login", Login).AllowAnonymous().WithTags("Auth")
            .WithSummary("Signs in an agent, supervisor or admin.");
        return routes;
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Login(
        LoginRequest request, IGrainFactory grains, TokenService tokens, LoginThrottle throttle)
    {
        var email = InputRules.RequiredText(request.Email, Limits.Email, "email");
        if (!throttle.TryAttempt(email))
        {
            return Problems.Of(StatusCodes.Status429TooManyRequests, "too_many_attempts", "Too many attempts",
                "Too many sign-in attempts for this email; wait a few minutes and try again.");
        }

        if (string.IsNullOrEmpty(request.Password) || request.Password.Length > Limits.PasswordMax)
        {
            return Problems.Unauthorized(BadCredentials);
        }

        var agentId = await grains.GetRegistry().FindAgentByEmail(email);
        if (agentId is null)
        {
            // Spend the time a real password check takes, so response times do not tell which emails exist.
            UnknownAccount.Hasher.VerifyHashedPassword(UnknownAccount.Instance, UnknownAccount.Hash, request.Password);
            return Problems.Unauthorized(BadCredentials);
        }

        var agent = grains.GetAgent(agentId);
        if (!await agent.CheckPassword(request.Password) || await agent.GetProfile() is not { } profile)
        {
            return Problems.Unauthorized(BadCredentials);
        }

        var token = tokens.IssueStaff(profile.AgentId, profile.Role, profile.DisplayName);
        return TypedResults.Ok(new LoginResponse(profile.AgentId, profile.Role, profile.DisplayName, token.Token, token.ExpiresAt));
    }
}

/// <summary>A stand-in account whose hash unknown emails are checked against (same algorithm and cost as real ones).</summary>
internal static class UnknownAccount
{
    public static readonly object Instance = new();
    public static readonly PasswordHasher<object> Hasher = new();
    public static readonly string Hash = Hasher.HashPassword(Instance, Guid.NewGuid().ToString("N"));
}
