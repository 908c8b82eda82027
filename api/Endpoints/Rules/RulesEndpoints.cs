using Engagement.Api.Audit;
using Engagement.Audit;
using Engagement.Api.Auth;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Endpoints.Rules;

/// <summary>Proactive rules: supervisors read them, admins replace them (the rules grain validates).</summary>
internal static class RulesEndpoints
{
    public static IEndpointRouteBuilder MapRulesEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/rules").WithTags("Proactive rules");
        group.MapGet("/", Get).RequireAuthorization(Policies.Supervisor).WithSummary("The proactive rules.");
        group.MapPut("/", Put).RequireAuthorization(Policies.Admin).Audited(AuditActions.RulesReplace, "rules")
            .WithSummary("Replaces every proactive rule; each rule's queue must exist.");
        return routes;
    }

    private static async Task<Ok<ProactiveRule[]>> Get(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetProactiveRules().GetRules());

    private static async Task<Ok<ProactiveRule[]>> Put(ProactiveRule[]? rules, IGrainFactory grains)
    {
        if (rules is null) throw new InputException("rules", "Send the rules as a JSON array ([] for none).");
        // Ids are checked by the grain; here only that each queue named exists.
        foreach (var queueId in rules.Where(r => r is not null && Ids.IsValid(r.QueueId)).Select(r => r.QueueId).Distinct(StringComparer.Ordinal))
        {
            if (await grains.GetQueue(queueId).GetDefinition() is null) throw EngagementException.NotFound($"Queue '{queueId}'");
        }
        return TypedResults.Ok(await grains.GetProactiveRules().SetRules(rules));
    }
}
