using System.Text.Json;
using Engagement.FunctionalTests.Api;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Contract;

/// <summary>
/// docs/protocol.md, "Who may see a session": whoever may not see a session hears not_found from every method and
/// route, word for word as for an id that does not exist; whoever sees it but may not do something hears forbidden.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SessionVisibilityTests(ApiFixture fixture)
{
    private const string Missing = "s_doesnotexist0000000000";
    private readonly ApiClient _client = fixture.Client();

    /// <summary>Every visitor-hub method that takes a session id, with arguments that are otherwise valid.</summary>
    private static readonly (string Method, object?[] Others)[] VisitorMethods =
    [
        ("JoinSession", [0]), ("SendMessage", [null, "hello"]), ("GetTranscript", [0, 10]), ("Typing", [true]),
        ("LeaveSession", []), ("MarkRead", [1]), ("RateSession", [5, null, null]), ("WaitForAnyAgent", []),
        ("StartCall", ["audio"]), ("AnswerCall", [true]), ("CallOffer", ["v=0\r\n"]), ("UpdateCallMedia", [true, true]),
        ("HangUp", []), ("GetCall", []),
    ];

    /// <summary>Every agent-hub method that takes a session id and is authorized through the session.</summary>
    private static readonly (string Method, object?[] Others)[] AgentMethods =
    [
        ("JoinSession", [0]), ("SendMessage", [null, "hello"]), ("GetTranscript", [0, 10]), ("Typing", [true]),
        ("WrapUp", []), ("CloseSession", ["resolved"]), ("MarkRead", [1]), ("AddNote", ["a note"]), ("GetNotes", []),
        ("GetCustomerContext", []), ("GetCustomerHistory", []), ("StartCall", ["audio"]), ("AnswerCall", [true]),
        ("CallOffer", ["v=0\r\n"]), ("UpdateCallMedia", [true, true]), ("HangUp", []), ("GetCall", []),
        ("InviteToSession", ["x1", null]), ("CancelInvite", ["x1"]), ("LeaveSession", []),
    ];

    [Fact]
    public async Task Another_visitor_hears_not_found_from_every_method_as_for_a_missing_session()
    {
        await using var scene = await Scene.StartAsync(_client);
        var (sessionId, _, _, _) = await scene.ActiveAsync();
        var (_, strangerToken) = await _client.NewVisitorAsync();
        var (stranger, _) = await scene.Connect("visitor", strangerToken);

        foreach (var (method, rest) in VisitorMethods)
            await AssertSameNotFoundAsync(stranger, method, sessionId, rest);

        await AssertRestNotFoundAsync(strangerToken, sessionId, HttpMethod.Get, "");
        await AssertRestNotFoundAsync(strangerToken, sessionId, HttpMethod.Get, "/transcript");
        await AssertRestNotFoundAsync(strangerToken, sessionId, HttpMethod.Post, "/rating", new { csat = 5 });
        Assert.Equal("active", (await scene.Agent.InvokeAsync<JsonElement>("JoinSession", sessionId, 0L)).GetProperty("session").GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_agent_it_was_neither_offered_nor_assigned_to_hears_not_found_from_every_method()
    {
        await using var scene = await Scene.StartAsync(_client);
        var (sessionId, _, _, _) = await scene.ActiveAsync();
        var (other, otherToken) = await scene.StaffAsync();

        foreach (var (method, rest) in AgentMethods)
            await AssertSameNotFoundAsync(other, method, sessionId, rest);
        // Offers are judged by the offer, not the session: none is held either way.
        Assert.Equal("That offer is no longer available.", await HubErrors.ExpectAsync(other, "conflict", "AcceptOffer", sessionId));
        Assert.Equal("That offer is no longer available.", await HubErrors.ExpectAsync(other, "conflict", "DeclineOffer", sessionId));

        foreach (var suffix in new[] { "", "/transcript", "/notes" }) await AssertRestNotFoundAsync(otherToken, sessionId, HttpMethod.Get, suffix);
        await AssertRestNotFoundAsync(otherToken, sessionId, HttpMethod.Post, "/notes", new { text = "a note" });
        var session = await scene.Agent.InvokeAsync<JsonElement>("JoinSession", sessionId, 0L);
        Assert.Equal("active", session.GetProperty("session").GetProperty("status").GetString());
        Assert.Empty(await scene.Agent.InvokeAsync<JsonElement[]>("GetNotes", sessionId));
    }

    [Fact]
    public async Task Staff_who_see_a_session_but_may_not_act_hear_forbidden()
    {
        await using var scene = await Scene.StartAsync(_client);
        var (sessionId, visitor, _, _) = await scene.OfferedAsync();

        // Offered, not yet accepted: the agent may read the session but not end it or write in it.
        await scene.Agent.InvokeAsync<JsonElement>("JoinSession", sessionId, 0L);
        foreach (var (method, rest) in new (string, object?[])[] { ("WrapUp", []), ("CloseSession", [null]), ("SendMessage", [null, "hi"]), ("Typing", [true]), ("StartCall", ["audio"]) })
            await HubErrors.ExpectAsync(scene.Agent, "forbidden", method, [sessionId, .. rest]);

        // A supervisor sees every session: may close it, may not write in it.
        var (supervisor, _) = await scene.StaffAsync("supervisor");
        await HubErrors.ExpectAsync(supervisor, "forbidden", "SendMessage", sessionId, null, "hi");
        await HubErrors.ExpectAsync(supervisor, "forbidden", "Typing", sessionId, true);
        Assert.Equal("offered", (await visitor.InvokeAsync<JsonElement>("JoinSession", sessionId, 0L)).GetProperty("session").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_supervisor_may_wrap_up_and_close_a_session_assigned_to_someone_else()
    {
        await using var scene = await Scene.StartAsync(_client);
        var (sessionId, _, _, _) = await scene.ActiveAsync();
        var (supervisor, _) = await scene.StaffAsync("supervisor");

        Assert.Equal("wrapUp", (await supervisor.InvokeAsync<JsonElement>("WrapUp", sessionId)).GetProperty("status").GetString());
        Assert.Equal("closed", (await supervisor.InvokeAsync<JsonElement>("CloseSession", sessionId, "resolved")).GetProperty("status").GetString());
    }

    /// <summary>The call fails with not_found, word for word as the same call about a session that does not exist.</summary>
    private static async Task AssertSameNotFoundAsync(HubConnection connection, string method, string sessionId, object?[] rest)
    {
        var (code, message) = await HubErrors.FailAsync(connection, method, [sessionId, .. rest]);
        var (missingCode, missingMessage) = await HubErrors.FailAsync(connection, method, [Missing, .. rest]);
        Assert.True(code == "not_found", $"{method}: {code}: {message}");
        Assert.Equal((missingCode, missingMessage.Replace(Missing, sessionId)), (code, message));
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    /// <summary>The route answers 404 not_found with the detail it gives for a session that does not exist.</summary>
    private async Task AssertRestNotFoundAsync(string token, string sessionId, HttpMethod method, string suffix, object? body = null)
    {
        var (status, problem) = await _client.SendAsync(method, $"/api/sessions/{sessionId}{suffix}", token, body);
        var (missingStatus, missingProblem) = await _client.SendAsync(method, $"/api/sessions/{Missing}{suffix}", token, body);
        Assert.Equal((404, "not_found"), (status, problem!["code"]!.GetValue<string>()));
        Assert.Equal(404, missingStatus);
        Assert.Equal(missingProblem!["detail"]!.GetValue<string>().Replace(Missing, sessionId), problem["detail"]!.GetValue<string>());
    }
}
