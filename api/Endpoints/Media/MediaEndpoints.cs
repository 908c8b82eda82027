using System.Security.Claims;
using System.Text;
using Engagement.Api.Auth;
using Engagement.Api.Endpoints.Errors;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Endpoints.Media;

/// <summary>
/// WHIP (RFC 9725) and WHEP endpoints for a session's call, so a standard WebRTC tool can publish into or
/// watch a session: POST an SDP offer (application/sdp) with a bearer token, get 201 with the answer and
/// the resource's Location; DELETE the resource to leave. Authorization is the session's: its visitor or
/// assigned agent publish; they and supervisors watch. Trickle ICE (PATCH) is not offered: the node is
/// ICE-lite with one host candidate, so the answer is complete.
/// </summary>
internal static class MediaEndpoints
{
    private const string SdpContentType = "application/sdp";

    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sessions/{sessionId}").WithTags("Media").RequireAuthorization(Policies.Authenticated);
        group.MapPost("/whip", (string sessionId, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            CreateAsync(sessionId, "whip", request, (s, sdp) => s.Publish(user.ToCaller(), sdp), grains))
            .WithSummary("WHIP: publish into the session's call (application/sdp offer → 201 + answer).");
        group.MapPost("/whep", (string sessionId, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            CreateAsync(sessionId, "whep", request, (s, sdp) => s.Watch(user.ToCaller(), sdp), grains))
            .WithSummary("WHEP: watch the session's call (application/sdp offer → 201 + answer).");
        foreach (var kind in new[] { "whip", "whep" })
        {
            group.MapDelete($"/{kind}/{{resourceId}}", async (string sessionId, string resourceId, ClaimsPrincipal user, IGrainFactory grains) =>
            {
                await grains.GetSession(InputRules.Id(sessionId, "sessionId")).EndMediaResource(user.ToCaller(), InputRules.Id(resourceId, "resourceId"));
                return Results.Ok();
            }).WithSummary($"{kind.ToUpperInvariant()}: end the resource.");
            group.MapMethods($"/{kind}/{{resourceId}}", ["PATCH"], (string sessionId, string resourceId) =>
                {
                    InputRules.Id(sessionId, "sessionId");
                    InputRules.Id(resourceId, "resourceId");
                    return Problems.Of(StatusCodes.Status405MethodNotAllowed, ProblemCodes.MethodNotAllowed,
                        "Method Not Allowed", "Trickle ICE and ICE restart over PATCH are not supported (the node is ICE-lite): send a new offer.");
                })
                .WithSummary("Trickle ICE and ICE restart over PATCH are not supported: send a new offer.");
        }
        return routes;
    }

    private static async Task<IResult> CreateAsync(
        string sessionId, string kind, HttpRequest request, Func<ISessionGrain, string, Task<MediaResource>> open, IGrainFactory grains)
    {
        var id = InputRules.Id(sessionId, "sessionId");
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), SdpContentType, StringComparison.OrdinalIgnoreCase))
            return Problems.Of(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "Unsupported Media Type", $"The body must be an SDP offer ({SdpContentType}).");
        if (request.ContentLength > Limits.Sdp)
            return Problems.Of(StatusCodes.Status413PayloadTooLarge, ErrorCodes.TooLarge, "Too large", $"An SDP offer is at most {Limits.Sdp} bytes.");
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var offer = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        var resource = await open(grains.GetSession(id), InputRules.Sdp(offer));
        return new SdpCreated($"/api/sessions/{id}/{kind}/{resource.ResourceId}", resource.SdpAnswer);
    }

    /// <summary>201 Created with the SDP answer as the body and the resource's URL in Location.</summary>
    private sealed class SdpCreated(string location, string answer) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.Headers.Location = location;
            context.Response.ContentType = SdpContentType;
            await context.Response.WriteAsync(answer, context.RequestAborted);
        }
    }
}
