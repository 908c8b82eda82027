using System.Text.RegularExpressions;
using Engagement.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.FunctionalTests.Contract;

/// <summary>One REST route as the node maps it: method, pattern, whether it needs a token (and a visitor's), whether it reads JSON.</summary>
internal sealed partial record RestRoute(string Method, string Pattern, bool NeedsToken, bool ForVisitors, bool ReadsJson)
{
    /// <summary>Every /api route of the node, read from its endpoints (so a new route is covered without a new test).</summary>
    public static List<RestRoute> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal)
                        && !raw.StartsWith("/api/admin/", StringComparison.Ordinal)) // drains the node: not for a battery
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => new RestRoute(
                method,
                "/" + e.RoutePattern.RawText!.Trim('/'),
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any() && e.Metadata.GetMetadata<IAllowAnonymous>() is null,
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Policies.Visitor),
                e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("application/json") == true)))
            .ToList();

    /// <summary>The path with every route parameter set to <paramref name="value"/>.</summary>
    public string With(string value) => Parameter().Replace(Pattern, value);

    public bool HasParameters => Parameter().IsMatch(Pattern);

    public override string ToString() => $"{Method} {Pattern}";

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
