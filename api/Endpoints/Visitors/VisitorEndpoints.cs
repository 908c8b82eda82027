using Engagement.Api.Auth;
using Engagement.Api.Endpoints.Errors;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using System.Security.Claims;

namespace Engagement.Api.Endpoints.Visitors;

/// <summary>Visitor tokens: a new anonymous visitor, identify as a known customer, refresh.</summary>
internal static class VisitorEndpoints
{
    public static IEndpointRouteBuilder MapVisitorEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/visitors").WithTags("Visitors");
        group.MapPost("/", CreateVisitor).AllowAnonymous()
            .WithSummary("Issues a new anonymous visitor id (\"v_...\") and its token.");
        group.MapPost("/identify", Identify).RequireAuthorization(Policies.Visitor)
            .WithSummary("Links this visitor to the company's known customer; returns a token for that customer.");
        group.MapPost("/refresh", Refresh).RequireAuthorization(Policies.Visitor)
            .WithSummary("A fresh token for the same visitor or customer.");
        return routes;
    }

    private static async Task<Results<Ok<VisitorTokenResponse>, ProblemHttpResult>> CreateVisitor(
        HttpContext http, IGrainFactory grains, TokenService tokens, VisitorCreationThrottle throttle)
    {
        if (!throttle.TryCreate(http.Connection.RemoteIpAddress))
        {
            return Problems.Of(StatusCodes.Status429TooManyRequests, "too_many_visitors", "Too many new visitors",
                "Too many new visitors from this address; reuse the visitor token you have (refresh it with " +
                "POST /api/visitors/refresh) or try again in a minute.");
        }

        var visitorId = PublicIds.NewVisitorId();
        await grains.GetCustomer(visitorId).Touch();
        var token = tokens.IssueVisitor(visitorId);
        return TypedResults.Ok(new VisitorTokenResponse(visitorId, false, token.Token, token.ExpiresAt));
    }

    private static async Task<Results<Ok<VisitorTokenResponse>, ProblemHttpResult>> Identify(
        IdentifyRequest request, ClaimsPrincipal user, IGrainFactory grains, TokenService tokens, IOptions<AuthOptions> options)
    {
        var secret = options.Value.IdentitySecret;
        if (string.IsNullOrEmpty(secret))
        {
            return Problems.Forbidden($"Identify is not enabled on this server ({AuthOptions.Section}:IdentitySecret is not set).");
        }

        var customerId = InputRules.Id(request.CustomerId, "customerId");
        if (PublicIds.IsAnonymousVisitor(customerId))
        {
            throw new InputException("customerId", $"customerId must not start with '{PublicIds.VisitorPrefix}': that prefix is reserved for anonymous visitors.");
        }

        var traits = InputRules.Attributes(request.Traits, "traits");
        if (!IdentityHash.Verify(secret, customerId, request.UserHash))
        {
            return Problems.Forbidden("userHash does not match customerId: it must be the hex HMAC-SHA256 of customerId " +
                                      "under the site's identity secret, computed by the company's server.");
        }

        var caller = user.ToCaller();
        var customer = caller.Id == customerId
            ? await grains.GetCustomer(customerId).SetAttributes(traits)
            : await grains.GetCustomer(caller.Id).Identify(customerId, traits);
        var token = tokens.IssueVisitor(customer.CustomerId, customer.DisplayName);
        return TypedResults.Ok(new VisitorTokenResponse(customer.CustomerId, true, token.Token, token.ExpiresAt));
    }

    private static Ok<VisitorTokenResponse> Refresh(ClaimsPrincipal user, TokenService tokens)
    {
        var caller = user.ToCaller();
        var token = tokens.IssueVisitor(caller.Id, caller.DisplayName);
        return TypedResults.Ok(new VisitorTokenResponse(caller.Id, !PublicIds.IsAnonymousVisitor(caller.Id), token.Token, token.ExpiresAt));
    }
}
