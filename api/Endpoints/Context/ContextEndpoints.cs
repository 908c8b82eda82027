using System.Security.Claims;
using Engagement.Api.Auth;
using Engagement.Api.Auth.Ingestion;
using Engagement.Api.Context;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Endpoints.Context;

/// <summary>Context ingestion for devices and back-end systems: signals go to the customer's context stream.</summary>
internal static class ContextEndpoints
{
    public static IEndpointRouteBuilder MapContextEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/context/{customerId}/signals", Post)
            .RequireAuthorization(ContextApiExtensions.IngestionPolicy)
            .WithTags("Context")
            .WithSummary("Posts 1–100 context signals (device readings, location, weather, facts, interactions, events) about a customer; 202 when accepted.");
        return routes;
    }

    private static async Task<Accepted<SignalsAccepted>> Post(
        string customerId, SignalBatchRequest? request, ClaimsPrincipal user, ContextPublisher publisher, TimeProvider clock)
    {
        InputRules.Id(customerId, "customerId");
        var signals = SignalRules.Batch(request, customerId, SourceOf(user), clock.GetUtcNow());
        await publisher.PublishAsync(customerId, signals);
        return TypedResults.Accepted((string?)null, new SignalsAccepted(signals.Length));
    }

    /// <summary>"api:&lt;key name&gt;" for an API key, "admin:&lt;agent id&gt;" for an admin's token.</summary>
    private static string SourceOf(ClaimsPrincipal user)
    {
        var subject = user.FindFirst(TokenClaims.Subject)?.Value ?? "unknown";
        return user.IsInRole(IngestionKeyHandler.Role) ? $"api:{subject}" : $"admin:{subject}";
    }
}
