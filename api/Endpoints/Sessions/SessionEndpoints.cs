using System.Security.Claims;
using Engagement.Api.Auth;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Endpoints.Sessions;

/// <summary>
/// Reading a session over HTTP. Any valid token may ask; the session grain answers only its visitor, the agent
/// it was offered or assigned to, supervisors and admins (forbidden → 403, unknown → 404).
/// </summary>
internal static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sessions").WithTags("Sessions").RequireAuthorization(Policies.Authenticated);
        group.MapGet("/{sessionId}", Get).WithSummary("The session: status, participants, timings, last seq.");
        group.MapGet("/{sessionId}/transcript", Transcript)
            .WithSummary("Up to limit (1..200, default 50) messages with seq > afterSeq (default 0), in order.");
        return routes;
    }

    private static async Task<Ok<SessionView>> Get(string sessionId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetSession(InputRules.Id(sessionId, "sessionId")).Get(user.ToCaller()));

    private static async Task<Ok<ChatMessage[]>> Transcript(
        string sessionId, ClaimsPrincipal user, IGrainFactory grains, long? afterSeq, int? limit)
    {
        var session = grains.GetSession(InputRules.Id(sessionId, "sessionId"));
        var messages = await session.ReadTranscript(
            user.ToCaller(),
            InputRules.AfterSeq(afterSeq ?? 0),
            InputRules.Limit(limit ?? Limits.TranscriptPageDefault));
        return TypedResults.Ok(messages);
    }
}
