using Engagement.Api.Audit;
using Engagement.Audit;
using Engagement.Api.Auth;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Endpoints.CannedResponses;

/// <summary>Canned responses: every staff member reads them; admins create, replace and delete them.</summary>
internal static class CannedResponseEndpoints
{
    public static IEndpointRouteBuilder MapCannedResponseEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/canned-responses").WithTags("Canned responses");
        group.MapGet("/", List).RequireAuthorization(Policies.Staff).WithSummary("Every canned response, by shortcut.");
        group.MapPost("/", Create).RequireAuthorization(Policies.Admin).Audited(AuditActions.CannedCreate, "canned_response", null, "shortcut", "title").WithSummary("Creates a canned response; 409 when the id or shortcut is taken.");
        group.MapPut("/{id}", Update).RequireAuthorization(Policies.Admin).Audited(AuditActions.CannedUpdate, "canned_response", "id", "shortcut", "title").WithSummary("Replaces a canned response; 404 if unknown.");
        group.MapDelete("/{id}", Delete).RequireAuthorization(Policies.Admin).Audited(AuditActions.CannedDelete, "canned_response", "id").WithSummary("Deletes a canned response; 404 if unknown.");
        return routes;
    }

    private static ICannedResponsesGrain Grain(IGrainFactory grains) => grains.GetCannedResponses();

    private static async Task<Ok<CannedResponse[]>> List(IGrainFactory grains) => TypedResults.Ok(await Grain(grains).List());

    private static async Task<Created<CannedResponse>> Create(CannedResponseRequest request, IGrainFactory grains)
    {
        var id = request.Id is null ? Ids.New("cr_") : InputRules.Id(request.Id, "id");
        if ((await Grain(grains).List()).Any(r => r.Id == id)) throw EngagementException.Conflict($"A canned response with id '{id}' already exists.");
        var stored = await Grain(grains).Upsert(Build(id, request));
        return TypedResults.Created($"/api/canned-responses/{id}", stored);
    }

    private static async Task<Ok<CannedResponse>> Update(string id, CannedResponseRequest request, IGrainFactory grains)
    {
        InputRules.Id(id, "id");
        if (request.Id is not null && request.Id != id) throw new InputException("id", "id in the body must match the path, or be left out.");
        if (!(await Grain(grains).List()).Any(r => r.Id == id)) throw EngagementException.NotFound($"Canned response '{id}'");
        return TypedResults.Ok(await Grain(grains).Upsert(Build(id, request)));
    }

    private static async Task<NoContent> Delete(string id, IGrainFactory grains)
    {
        await Grain(grains).Remove(InputRules.Id(id, "id"));
        return TypedResults.NoContent();
    }

    private static CannedResponse Build(string id, CannedResponseRequest request) => new(
        id,
        InputRules.RequiredText(request.Shortcut, Limits.CannedShortcut, "shortcut"),
        InputRules.RequiredText(request.Title, Limits.Name, "title"),
        InputRules.MessageText(request.Text));
}
