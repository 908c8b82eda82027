using System.Net;
using System.Text.Json;
using Engagement.Api.Auth;
using Engagement.Api.Hubs;
using Engagement.Api.Hubs.Protocol;
using Engagement.FunctionalTests.Api;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Contract;

/// <summary>
/// Every method of both hubs, called with bad input (<see cref="BadArguments"/>), answers the documented code and
/// keeps the connection, and nothing changes: not the caller's session, not another's, not the agent. Expired
/// tokens are refused at connect.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HubBadInputBatteryTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    [Fact]
    public async Task Every_hub_method_answers_bad_input_with_its_code_and_changes_nothing()
    {
        await using var mine = await Scene.StartAsync(_client);
        await using var theirs = await Scene.StartAsync(_client);
        var (own, visitor, _, _) = await mine.ActiveAsync();
        var (foreign, _, _, _) = await theirs.ActiveAsync();
        var admin = await _client.AdminTokenAsync();
        var before = await SnapshotAsync(admin, mine, own, foreign);

        var failures = new List<string>();
        var tried = new List<string>();
        foreach (var (hub, connection) in new[] { (typeof(VisitorHub), visitor), (typeof(AgentHub), mine.Agent) })
        {
            foreach (var (method, parameters) in HubMethods.Of(hub))
            {
                foreach (var call in BadArguments.For(method, parameters, own, foreign, mine.QueueId))
                {
                    tried.Add($"{hub.Name}.{call.Method}");
                    var (code, message) = await HubErrors.FailAsync(connection, call.Method, call.Arguments);
                    if (code != call.Code) failures.Add($"{hub.Name}.{call.Method}, {call.Why}: {code}: {message} (expected {call.Code})");
                    Assert.Equal(HubConnectionState.Connected, connection.State);
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Subset(tried.ToHashSet(), new HashSet<string> { "VisitorHub.StartSession", "VisitorHub.SetTimeZone", "VisitorHub.CallOffer", "AgentHub.SetStatus", "AgentHub.CloseSession", "AgentHub.InviteVisitor" });
        Assert.True(tried.Count > 200, $"only {tried.Count} bad calls");
        Assert.Equal(before, await SnapshotAsync(admin, mine, own, foreign));
    }

    [Theory]
    [InlineData("visitor")]
    [InlineData("agent")]
    public async Task An_expired_token_is_refused_at_connect_with_401(string hub)
    {
        var expired = hub == "visitor"
            ? ApiFixture.ExpiredTokens.IssueVisitor("v_expired").Token
            : ApiFixture.ExpiredTokens.IssueStaff("api-admin", StaffRole.Admin, "API Admin").Token;

        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => _client.ConnectAsync(hub, expired, negotiate: true));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    /// <summary>What bad input must not change: both sessions (as an admin reads them) and the agent's status.</summary>
    private async Task<string> SnapshotAsync(string admin, Scene scene, params string[] sessionIds)
    {
        var parts = new List<string>();
        foreach (var id in sessionIds)
        {
            var session = await _client.OkAsync(HttpMethod.Get, $"/api/sessions/{id}", admin);
            var notes = await _client.OkAsync(HttpMethod.Get, $"/api/sessions/{id}/notes", admin);
            parts.Add($"{session["status"]} seq {session["lastSeq"]} participants {session["participants"]!.AsArray().Count} " +
                      $"rating {session["rating"]?.ToJsonString()} reads {session["reads"]?.ToJsonString()} notes {notes.AsArray().Count}");
        }
        var status = await scene.Agent.InvokeAsync<JsonElement>("GetStatus");
        parts.Add($"agent {status.GetProperty("chosen")} {status.GetProperty("activeSessions").GetArrayLength()} sessions");
        return string.Join("; ", parts);
    }
}
