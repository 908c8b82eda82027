using System.Security.Claims;
using Engagement.Api.Auth;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Endpoints.Workspace;

/// <summary>
/// The workspace's feedback over HTTP, for clients without a hub connection at hand: a session's private notes
/// (staff who may read the session), the visitor's rating, and a customer's history for supervisors and admins.
/// The session grain authorizes as for reading the session (strangers get 404).
/// </summary>
internal static class WorkspaceEndpoints
{
    public static IEndpointRouteBuilder MapWorkspaceEndpoints(this IEndpointRouteBuilder routes)
    {
        var sessions = routes.MapGroup("/api/sessions").WithTags("Sessions");
        sessions.MapGet("/{sessionId}/notes", GetNotes).RequireAuthorization(Policies.Staff)
            .WithSummary("The session's private notes, oldest first.");
        sessions.MapPost("/{sessionId}/notes", AddNote).RequireAuthorization(Policies.Staff)
            .WithSummary("Adds a private note (never shown to the visitor).");
        sessions.MapPost("/{sessionId}/rating", Rate).RequireAuthorization(Policies.Visitor)
            .WithSummary("The visitor rates the session (once an agent joined); rating again replaces it.");
        routes.MapGet("/api/customers/{customerId}/history", History).WithTags("Customers").RequireAuthorization(Policies.Supervisor)
            .WithSummary("A customer's history across sessions and channels, newest first.");
        return routes;
    }

    private static async Task<Ok<SessionNote[]>> GetNotes(string sessionId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetSession(InputRules.Id(sessionId, "sessionId")).GetNotes(user.ToCaller()));

    private static async Task<Created<SessionNote>> AddNote(string sessionId, AddNoteRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var note = await grains.GetSession(InputRules.Id(sessionId, "sessionId")).AddNote(user.ToCaller(), InputRules.MessageText(request.Text));
        return TypedResults.Created($"/api/sessions/{sessionId}/notes", note);
    }

    private static async Task<Ok<SessionView>> Rate(string sessionId, RateSessionRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var session = grains.GetSession(InputRules.Id(sessionId, "sessionId"));
        var rating = FeedbackRules.Rating(request.Csat, request.Nps, request.Comment);
        var view = await session.Rate(user.ToCaller(), rating.Csat, rating.Nps, rating.Comment);
        return TypedResults.Ok(view);
    }

    private static async Task<Ok<HistoryEntry[]>> History(string customerId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetCustomer(InputRules.Id(customerId, "customerId")).GetHistory());
}
