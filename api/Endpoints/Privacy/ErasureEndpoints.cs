using Engagement.Api.Audit;
using Engagement.Audit;
using Engagement.Api.Auth;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Endpoints.Privacy;

/// <summary>Erasure of a contact and everything about them (docs/protocol.md, Erasure): admins only.</summary>
internal static class ErasureEndpoints
{
    public static IEndpointRouteBuilder MapErasureEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapDelete("/api/contacts/{customerId}", Erase).WithTags("Privacy").RequireAuthorization(Policies.Admin)
            .WithMetadata(new AuditedAction(AuditActions.ContactErase, "contact", "customerId", [], HashTarget: true))
            .WithSummary("Erases the contact: sessions, conversations, messages, mail, webhook deliveries, context, merged visitors.");
        return routes;
    }

    private static async Task<Ok<ErasureReport>> Erase(string customerId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetCustomer(InputRules.Id(customerId, "customerId")).Erase());
}
