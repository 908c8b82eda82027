using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Engagement.FunctionalTests.Api;

namespace Engagement.FunctionalTests.Contract;

/// <summary>
/// docs/protocol.md, Errors: every REST error, the framework's own included (405, 413, 415), is an RFC 9457
/// problem (application/problem+json) with a documented code.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RestProblemTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    [Fact]
    public async Task Every_error_status_is_a_problem_with_its_code()
    {
        var admin = await _client.AdminTokenAsync();
        var (_, visitor) = await _client.NewVisitorAsync();
        var queueId = $"q-{Guid.NewGuid():N}"[..20];
        await _client.OkAsync(HttpMethod.Post, "/api/queues", admin, new { queueId, name = "Problems" });
        var agent = new { displayName = "X", email = "x@engagement.test", password = "long-enough-password" };

        await Expect(400, "invalid", HttpMethod.Post, "/api/agents", admin, Json(new { displayName = "X", email = "not-an-email", password = "long-enough-password" }));
        await Expect(400, "invalid", HttpMethod.Post, "/api/agents", admin, new StringContent("{ not json", Encoding.UTF8, "application/json"));
        await Expect(400, "invalid", HttpMethod.Post, "/api/agents", admin, Json(new { agent.displayName, agent.email, agent.password, role = 1 }));
        await Expect(400, "too_large", HttpMethod.Post, "/api/agents", admin, Json(agent with { displayName = new string('x', Limits.Name + 1) }));
        await Expect(401, "unauthorized", HttpMethod.Get, "/api/agents", null, null);
        await Expect(401, "unauthorized", HttpMethod.Get, "/api/agents", ApiFixture.ExpiredTokens.IssueStaff("api-admin", StaffRole.Admin, "API Admin").Token, null);
        await Expect(401, "unauthorized", HttpMethod.Get, "/api/agents", admin[..^4] + (admin[^4..] == "AAAA" ? "BBBB" : "AAAA"), null); // tampered
        await Expect(403, "forbidden", HttpMethod.Get, "/api/agents", visitor, null);
        await Expect(404, "not_found", HttpMethod.Get, "/api/no-such-route", admin, null);
        await Expect(404, "not_found", HttpMethod.Get, "/api/agents/nobody-here", admin, null);
        await Expect(405, "method_not_allowed", HttpMethod.Delete, "/api/queues", admin, null);
        await Expect(405, "method_not_allowed", HttpMethod.Patch, "/api/sessions/s_x/whip/r_1", visitor, null);
        await Expect(409, "conflict", HttpMethod.Post, "/api/queues", admin, Json(new { queueId, name = "Again" }));
        await Expect(413, "too_large", HttpMethod.Post, "/api/agents", admin, new ByteArrayContent(new byte[Limits.RestBodyBytes + 1]) { Headers = { { "Content-Type", "application/json" } } });
        await Expect(413, "too_large", HttpMethod.Post, "/api/sessions/s_x/whip", visitor, new StringContent(new string('a', Limits.Sdp + 1), Encoding.UTF8, "application/sdp"));
        await Expect(415, "unsupported_media_type", HttpMethod.Post, "/api/agents", admin, new StringContent("{}", Encoding.UTF8, "text/plain"));
        await Expect(415, "unsupported_media_type", HttpMethod.Post, "/api/sessions/s_x/whip", visitor, Json(new { sdp = "v=0" }));
    }

    [Fact]
    public async Task Too_many_sign_in_attempts_is_a_problem_with_its_code()
    {
        var email = $"throttled-{Guid.NewGuid():N}@engagement.test";
        JsonNode? last = null;
        int status;
        do (status, last) = await _client.SendAsync(HttpMethod.Post, "/api/auth/login", body: new { email, password = "wrong-password" });
        while (status == 401);

        Assert.Equal(429, status);
        Assert.Equal("too_many_attempts", last!["code"]!.GetValue<string>());
        Assert.Equal(429, last["status"]!.GetValue<int>());
    }

    private async Task Expect(int status, string code, HttpMethod method, string path, string? token, HttpContent? content)
    {
        var (actual, contentType, problem) = await _client.SendRawAsync(method, path, token, content);
        Assert.True(status == actual, $"{method} {path}: expected {status}, got {actual}: {problem?.ToJsonString()}");
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(code, problem!["code"]!.GetValue<string>());
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()), $"{method} {path}: no title");
    }

    private static JsonContent Json(object body) => JsonContent.Create(body);
}
