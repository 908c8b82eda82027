using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Api;

/// <summary>Who may reach what, and the errors clients get for bad input, over the real hubs and REST.</summary>
[Collection(ApiCollection.Name)]
public sealed class AccessAndErrorsTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    private async Task<(string SessionId, string VisitorToken, HubConnection Visitor)> StartSessionAsync()
    {
        var (queueId, _, _) = await _client.NewQueueWithAgentAsync();
        var (_, token) = await _client.NewVisitorAsync();
        var (visitor, _) = await _client.ConnectAsync("visitor", token);
        var started = await visitor.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId }));
        return (started.GetProperty("session").GetProperty("sessionId").GetString()!, token, visitor);
    }

    [Fact]
    public async Task A_visitor_cannot_see_another_visitors_session()
    {
        var (sessionId, ownerToken, owner) = await StartSessionAsync();
        var (_, strangerToken) = await _client.NewVisitorAsync();
        var (stranger, _) = await _client.ConnectAsync("visitor", strangerToken);

        var hubError = await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync<JsonElement>("JoinSession", sessionId, 0L));
        Assert.EndsWith($"not_found: Session '{sessionId}' was not found.", hubError.Message);
        var (status, problem) = await _client.SendAsync(HttpMethod.Get, $"/api/sessions/{sessionId}", strangerToken);
        Assert.Equal(404, status);
        Assert.Equal("not_found", problem!["code"]!.GetValue<string>());
        Assert.Equal(200, (await _client.SendAsync(HttpMethod.Get, $"/api/sessions/{sessionId}", ownerToken)).Status);
        await owner.DisposeAsync();
        await stranger.DisposeAsync();
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_error_and_the_connection_stays_up()
    {
        var (sessionId, _, visitor) = await StartSessionAsync();

        var empty = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<JsonElement>("SendMessage", sessionId, null, "   "));
        Assert.EndsWith("invalid: text is empty.", empty.Message);
        var tooLong = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<JsonElement>("SendMessage", sessionId, null, new string('x', 4001)));
        Assert.EndsWith("too_large: text is longer than 4000 characters.", tooLong.Message);
        var badId = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<JsonElement>("JoinSession", "not an id", 0L));
        Assert.Contains("invalid: sessionId must be", badId.Message);

        Assert.Equal(HubConnectionState.Connected, visitor.State);
        var ack = await visitor.InvokeAsync<JsonElement>("SendMessage", sessionId, null, "still here");
        Assert.True(ack.GetProperty("seq").GetInt64() > 0);
        await visitor.DisposeAsync();
    }

    [Fact]
    public async Task Rest_validation_errors_are_problem_details_naming_the_field()
    {
        var admin = await _client.AdminTokenAsync();

        var (status, problem) = await _client.SendAsync(HttpMethod.Post, "/api/agents", admin,
            new { displayName = "X", email = "not-an-email", password = "long-enough-password" });

        Assert.Equal(400, status);
        Assert.Equal("invalid", problem!["code"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]!["email"]);
    }

    [Fact]
    public async Task Roles_gate_the_hubs_and_the_admin_endpoints()
    {
        var (_, visitorToken) = await _client.NewVisitorAsync();

        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => _client.ConnectAsync("agent", visitorToken, negotiate: true));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(403, (await _client.SendAsync(HttpMethod.Get, "/api/agents", visitorToken)).Status);
        Assert.Equal(401, (await _client.SendAsync(HttpMethod.Get, "/api/agents")).Status);
        Assert.Equal(401, (await _client.SendAsync(HttpMethod.Get, "/api/agents", visitorToken + "x")).Status);
    }

    [Fact]
    public async Task Sign_in_gives_one_answer_for_an_unknown_email_and_a_wrong_password()
    {
        var unknown = await _client.SendAsync(HttpMethod.Post, "/api/auth/login", body: new { email = "nobody@engagement.test", password = "whatever-password" });
        var wrong = await _client.SendAsync(HttpMethod.Post, "/api/auth/login", body: new { email = ApiFixture.AdminEmail, password = "wrong-password" });

        Assert.Equal(401, unknown.Status);
        Assert.Equal(401, wrong.Status);
        Assert.Equal(unknown.Body!["detail"]!.GetValue<string>(), wrong.Body!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Identify_needs_the_company_signature_and_keeps_access_to_the_visitors_sessions()
    {
        var (sessionId, visitorToken, visitor) = await StartSessionAsync();
        var customerId = $"cust-{Guid.NewGuid():N}";
        var hash = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ApiFixture.IdentitySecret), Encoding.UTF8.GetBytes(customerId)));

        var forged = await _client.SendAsync(HttpMethod.Post, "/api/visitors/identify", visitorToken,
            new { customerId, traits = new { name = "Carol" }, userHash = IdentityOfAnotherSecret(customerId) });
        Assert.Equal(403, forged.Status);

        var identified = await _client.OkAsync(HttpMethod.Post, "/api/visitors/identify", visitorToken,
            new { customerId, traits = new { name = "Carol" }, userHash = hash });
        Assert.Equal(customerId, identified["customerId"]!.GetValue<string>());
        Assert.True(identified["isKnown"]!.GetValue<bool>());
        var session = await _client.OkAsync(HttpMethod.Get, $"/api/sessions/{sessionId}", identified["token"]!.GetValue<string>());
        Assert.Equal(customerId, session["customerId"]!.GetValue<string>());
        await visitor.DisposeAsync();
    }

    [Fact]
    public async Task The_node_reports_ready_and_serves_its_openapi_document()
    {
        var ready = await _client.OkAsync(HttpMethod.Get, "/health/ready");
        Assert.Equal("Healthy", ready["status"]!.GetValue<string>());
        var openapi = await _client.OkAsync(HttpMethod.Get, "/openapi/v1.json");
        Assert.NotNull(openapi["paths"]!["/api/auth/login"]);
    }

    private static string IdentityOfAnotherSecret(string customerId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("some-other-secret-0123456789abcdefgh"), Encoding.UTF8.GetBytes(customerId)));
}
