using System.Text;
using System.Text.Json.Nodes;
using Engagement.Api.Auth;
using Engagement.FunctionalTests.Api;

namespace Engagement.FunctionalTests.Contract;

/// <summary>
/// Every REST route of the node, called with bad input — no token, an expired one, bodies of the wrong JSON type,
/// broken JSON, the wrong content type, ids over their limit or unknown, query values of the wrong type — answers
/// a documented problem (docs/protocol.md, Errors), and nothing is created or changed.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RestBadInputBatteryTests(ApiFixture fixture)
{
    /// <summary>The (status, code) pairs docs/protocol.md lists for REST errors.</summary>
    private static readonly HashSet<(int, string)> Documented =
    [
        (400, "invalid"), (400, "too_large"), (401, "unauthorized"), (403, "forbidden"), (404, "not_found"),
        (405, "method_not_allowed"), (409, "conflict"), (413, "too_large"), (415, "unsupported_media_type"),
    ];

    private readonly ApiClient _client = fixture.Client();
    private readonly List<string> _failures = [];

    [Fact]
    public async Task Every_route_answers_bad_input_with_a_documented_problem_and_changes_nothing()
    {
        var admin = await _client.AdminTokenAsync();
        var (_, visitor) = await _client.NewVisitorAsync();
        var expired = ApiFixture.ExpiredTokens.IssueStaff("api-admin", StaffRole.Admin, "API Admin").Token;
        var routes = RestRoute.All(fixture.Services);
        var before = await SnapshotAsync(admin);

        foreach (var route in routes)
        {
            var token = route.ForVisitors ? visitor : admin;
            var path = route.With("unknown-1");
            if (route.NeedsToken)
            {
                await Expect(route, path, null, null, 401, "unauthorized");
                await Expect(route, path, expired, null, 401, "unauthorized");
            }
            if (route.HasParameters) await Expect(route, route.With(new string('i', Limits.Id + 1)), token, route.ReadsJson ? Json("{}") : null, 400, "too_large");
            if (route.ReadsJson)
            {
                await Expect(route, path, token, Json("42"), 400, "invalid");
                await Expect(route, path, token, Json("{ \"broken\": "), 400, "invalid");
                await Expect(route, path, token, new StringContent("{}", Encoding.UTF8, "text/plain"), 415, "unsupported_media_type");
            }
            // Unknown ids are 404, except a customer's history: empty for a customer never seen (docs/protocol.md).
            if (route.HasParameters && route.Method is "GET" or "DELETE" && !route.Pattern.EndsWith("/history", StringComparison.Ordinal))
                await Expect(route, path, token, null, 404, "not_found");
        }
        await Expect(new RestRoute("GET", "/api/sessions/{sessionId}/transcript", true, false, false), "/api/sessions/unknown-1/transcript?limit=many", admin, null, 400, "invalid");
        await Expect(new RestRoute("GET", "/api/sessions/{sessionId}/transcript", true, false, false), "/api/sessions/unknown-1/transcript?limit=201", admin, null, 400, "invalid");

        Assert.True(_failures.Count == 0, string.Join("\n", _failures));
        Assert.True(routes.Count >= 25, $"only {routes.Count} routes found");
        Assert.Equal(before, await SnapshotAsync(admin));
    }

    /// <summary>Sends the request; the answer must be the expected problem, and in any case a documented one.</summary>
    private async Task Expect(RestRoute route, string path, string? token, HttpContent? content, int status, string code)
    {
        var (actual, contentType, body) = await _client.SendRawAsync(new HttpMethod(route.Method), path, token, content);
        var actualCode = body?["code"]?.GetValue<string>() ?? "(none)";
        if (!Documented.Contains((actual, actualCode)) || contentType != "application/problem+json")
            _failures.Add($"{route} as {path}: {actual} {contentType} {body?.ToJsonString()} is not a documented problem");
        else if ((actual, actualCode) != (status, code))
            _failures.Add($"{route} as {path}: {actual} {actualCode}, expected {status} {code}: {body?["detail"]}");
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>What bad input must not create or change: the staff, the queues, the canned responses, the rules.</summary>
    private async Task<string> SnapshotAsync(string admin)
    {
        var parts = new List<string>();
        foreach (var path in new[] { "/api/agents", "/api/queues", "/api/canned-responses", "/api/rules" })
        {
            var list = (await _client.OkAsync(HttpMethod.Get, path, admin)).AsArray();
            parts.Add($"{path}: {list.Count} {string.Join(",", list.Select(Id))}");
        }
        return string.Join("; ", parts);
    }

    private static string? Id(JsonNode? item) =>
        (item?["profile"]?["agentId"] ?? item?["queueId"] ?? item?["id"] ?? item?["ruleId"])?.GetValue<string>();
}
