using System.Net;
using System.Text;
using System.Text.Json;
using Engagement.Api.Audit;
using Engagement.Api.Hubs;
using Engagement.Api.Hubs.Protocol;
using Engagement.FunctionalTests.Api;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.FunctionalTests.Authorization;

/// <summary>
/// Every REST route and hub method × {anonymous, visitor, agent, supervisor, admin, operator}: refused with 401 or 403 (a hub
/// method with forbidden) exactly where <see cref="AccessTable"/> says, let through everywhere else. The routes and
/// methods come from the node itself, so one missing from the table fails the test.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixTests(ApiFixture fixture)
{
    private static readonly string[] Callers = ["anonymous", "visitor", "agent", "supervisor", "admin", "operator"];
    private readonly ApiClient _client = fixture.Client();

    private List<(string Key, RouteEndpoint Endpoint)> Endpoints() =>
        [.. fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => ($"{m} /{e.RoutePattern.RawText!.Trim('/')}", e)))];

    [Fact]
    public void Every_route_and_hub_method_is_classified()
    {
        var routes = Endpoints().Select(r => r.Key).ToHashSet();
        Assert.Empty(routes.Except(AccessTable.Routes.Keys).Select(r => $"not in AccessTable.Routes: {r}"));
        Assert.Empty(AccessTable.Routes.Keys.Except(routes).Select(r => $"no such route: {r}"));
        var methods = HubMethods.Of(typeof(AgentHub)).Select(m => m.Name).ToHashSet();
        Assert.Empty(methods.Except(AccessTable.AgentHubMethods.Keys).Select(m => $"not in AccessTable.AgentHubMethods: {m}"));
        Assert.Empty(AccessTable.AgentHubMethods.Keys.Except(methods).Select(m => $"no such agent hub method: {m}"));
    }

    [Fact]
    public void Every_admin_route_that_changes_something_names_its_audit_entry()
    {
        var required = Endpoints().Where(r => AuditedAction.IsRequiredFor(r.Endpoint)).ToList();
        Assert.Empty(required.Where(r => r.Endpoint.Metadata.GetMetadata<AuditedAction>() is null).Select(r => $"{r.Key} has no .Audited(...)"));
        // The rule sees the admin routes (group-level policies too), not just none of them.
        Assert.Contains(required, r => r.Key == "PUT /api/agents/{agentId}");
        Assert.Contains(required, r => r.Key == "DELETE /api/contacts/{customerId}");
        Assert.DoesNotContain(required, r => r.Key.StartsWith("GET ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_caller_is_refused_or_let_through_as_the_table_says()
    {
        var tokens = await TokensAsync();
        // A channel that exists: an unknown one is not_found before any token is looked at.
        var (queueId, _, _) = await _client.NewQueueWithAgentAsync();
        var channel = await _client.OkAsync(HttpMethod.Post, "/api/channels", tokens["admin"], new { name = "Matrix", queueId });
        var channelId = channel["channel"]!["channelId"]!.GetValue<string>();
        var failures = new List<string>();
        foreach (var (route, access) in AccessTable.Routes)
        {
            var method = route[..route.IndexOf(' ')];
            // The channel only where its token is asked for: the admin routes may delete what they are given.
            var pattern = access == Access.ChannelToken ? route[(method.Length + 1)..].Replace("{channelId}", channelId, StringComparison.Ordinal) : route[(method.Length + 1)..];
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", "unknown-1");
            foreach (var caller in Callers)
            {
                var expected = Expected(access, caller);
                // Letting an admin or operator drain the node would stop it under the other tests.
                if (route == "POST /api/admin/drain" && expected == 0) continue;
                var content = method is "POST" or "PUT" ? new StringContent("{}", Encoding.UTF8, "application/json") : null;
                var (status, _, body) = await _client.SendRawAsync(new HttpMethod(method), path, tokens.GetValueOrDefault(caller), content);
                var refused = status is 401 or 403;
                if (expected == 0 ? refused : status != expected)
                    failures.Add($"{route} as {caller}: {status} {body?["code"]}, expected {(expected == 0 ? "let through" : expected)}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Each_hub_takes_its_own_callers_and_supervisor_methods_refuse_agents()
    {
        var tokens = await TokensAsync();
        foreach (var (hub, access) in new[] { ("visitor", Access.Visitor), ("agent", Access.Staff) })
            foreach (var caller in Callers)
            {
                var expected = Expected(access, caller);
                if (expected == 0)
                {
                    var (connection, _) = await _client.ConnectAsync(hub, tokens[caller], negotiate: true);
                    await connection.DisposeAsync();
                    continue;
                }
                var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => _client.ConnectAsync(hub, tokens.GetValueOrDefault(caller) ?? "", negotiate: true));
                Assert.True((HttpStatusCode)expected == refused.StatusCode, $"{hub} hub as {caller}: {refused.StatusCode}, expected {expected}");
            }

        var failures = new List<string>();
        foreach (var caller in new[] { "agent", "supervisor", "admin" })
        {
            var (connection, _) = await _client.ConnectAsync("agent", tokens[caller]);
            foreach (var (method, parameters) in HubMethods.Of(typeof(AgentHub)))
            {
                var forbidden = await ForbiddenAsync(connection, method, [.. parameters.Select(p => Argument(p.ParameterType))]);
                if (forbidden != (Expected(AccessTable.AgentHubMethods[method], caller) == 403))
                    failures.Add($"agent hub {method} as {caller}: {(forbidden ? "forbidden" : "let through")}");
            }
            // Still up: a call that closed it would have hidden the answers of the calls after it.
            Assert.Equal(HubConnectionState.Connected, connection.State);
            await connection.DisposeAsync();
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>0 for "let through", else the status the caller must get.</summary>
    private static int Expected(Access access, string caller) => (access, caller) switch
    {
        (Access.Anyone, _) => 0,
        (Access.ChannelToken, _) => 401,
        (_, "anonymous") => 401,
        // An operator runs the cluster and sees no sessions, conversations or customers.
        (Access.AnyToken, "operator") => 403,
        (Access.AnyToken, _) => 0,
        (Access.Visitor, "visitor") => 0,
        (Access.Staff, "agent" or "supervisor" or "admin") => 0,
        (Access.Supervisor, "supervisor" or "admin") => 0,
        (Access.Admin or Access.Operator, "admin") => 0,
        (Access.Operator, "operator") => 0,
        _ => 403,
    };

    private static async Task<bool> ForbiddenAsync(HubConnection connection, string method, object?[] arguments)
    {
        try
        {
            await connection.InvokeCoreAsync(method, typeof(JsonElement), arguments);
            return false;
        }
        catch (HubException e)
        {
            // "HubException: forbidden: …" from the hub, or SignalR's own refusal of a method's [Authorize].
            return e.Message.Contains("HubException: forbidden:", StringComparison.Ordinal) || e.Message.Contains("user is unauthorized", StringComparison.Ordinal);
        }
    }

    /// <summary>A harmless argument of the type: unknown ids, zeros, an empty object.</summary>
    private static object? Argument(Type type) =>
        type == typeof(string) ? "unknown-1"
        : type == typeof(bool) ? false
        : type == typeof(int) || type == typeof(long) ? 1
        : type.IsEnum ? JsonNamingPolicy.CamelCase.ConvertName(Enum.GetNames(type)[0])
        : Nullable.GetUnderlyingType(type) is not null ? null
        : type.IsArray ? Array.Empty<string>()
        : ApiClient.Json(new { });

    private async Task<Dictionary<string, string>> TokensAsync()
    {
        var admin = await _client.AdminTokenAsync();
        var (_, visitor) = await _client.NewVisitorAsync();
        var tokens = new Dictionary<string, string> { ["admin"] = admin, ["visitor"] = visitor };
        foreach (var role in new[] { "agent", "supervisor", "operator" })
        {
            var email = $"{role}-{Guid.NewGuid():N}@matrix.test";
            await _client.OkAsync(HttpMethod.Post, "/api/agents", admin, new { displayName = $"Matrix {role}", email, role, password = "matrix-test-password" });
            tokens[role] = await _client.LoginAsync(email, "matrix-test-password");
        }
        return tokens;
    }
}
