using Engagement.Api.Auth;
using Engagement.Api.Validation;
using Engagement.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Endpoints.Audit;

/// <summary>The audit log, for admins (docs/protocol.md, Audit log); entries are written by the audit middleware.</summary>
internal static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/audit", List).WithTags("Audit").RequireAuthorization(Policies.Admin)
            .WithSummary("Audit entries, newest first: ?from=&to= (times), ?actor= (a staff id), ?action= (exact, or a prefix ending with '.'), ?before= (paging), ?limit=.");
        return routes;
    }

    private static async Task<Ok<AuditPage>> List(
        DateTimeOffset? from, DateTimeOffset? to, string? actor, string? action, long? before, int? limit, IAuditLog log, CancellationToken ct)
    {
        if (from is not null && to is not null && from > to) throw new InputException("from", "from must not be after to.");
        var query = new AuditQuery(
            from,
            to,
            actor is null ? null : InputRules.Id(actor, "actor"),
            action is null ? null : InputRules.RequiredText(action, Limits.Name, "action"),
            before,
            InputRules.PageSize(limit, Limits.AuditPageDefault, Limits.AuditPage));
        return TypedResults.Ok(await log.ListAsync(query, ct));
    }
}
