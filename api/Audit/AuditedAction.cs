using Engagement.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Audit;

/// <summary>
/// Endpoint metadata: the audit entry a successful call of this route writes (<see cref="AuditMiddleware"/>).
/// </summary>
/// <param name="TargetRouteValue">The route value naming the target; null: the id at the end of a 201's Location, or none.</param>
/// <param name="Shown">Body fields whose values the summary shows (never a secret); every other field given shows by name only.</param>
/// <param name="HashTarget">Store the SHA-256 of the target id instead of the id (an erased contact leaves no id behind).</param>
public sealed record AuditedAction(string Action, string TargetKind, string? TargetRouteValue, string[] Shown, bool HashTarget = false)
{
    /// <summary>
    /// Routes that must be audited: every admin or operator route that is not a read. A new one without
    /// <see cref="AuditedAction"/> metadata is still recorded (as its method and pattern), and the authorization
    /// matrix test fails until it is named.
    /// </summary>
    public static bool IsRequiredFor(Endpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is Policies.Admin or Policies.Operator)
        && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m)) == true;
}

/// <summary>Declares a route's audit entry.</summary>
public static class AuditedActionExtensions
{
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action, string targetKind, string? targetRouteValue = null, params string[] shown)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditedAction(action, targetKind, targetRouteValue, shown));
}
