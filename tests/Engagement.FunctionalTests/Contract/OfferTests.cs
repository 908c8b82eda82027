using System.Diagnostics;
using System.Text.Json;
using Engagement.FunctionalTests.Api;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Contract;

/// <summary>Offers as docs/protocol.md describes them: declining, being offered again, presence after a drop.</summary>
[Collection(ApiCollection.Name)]
public sealed class OfferTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    [Fact]
    public async Task Declining_sends_offerRevoked_declined_to_the_agent_and_a_second_decline_is_a_conflict()
    {
        await using var scene = await Scene.StartAsync(_client);
        var (second, secondEvents) = await scene.Connect("agent", scene.AgentToken); // the same agent's other tab
        var (sessionId, _, _, _) = await scene.OfferedAsync();

        await scene.Agent.InvokeAsync<object?>("DeclineOffer", sessionId);

        foreach (var events in new[] { scene.AgentEvents, secondEvents })
        {
            var revoked = await events.NextAsync("offerRevoked", r => r.GetProperty("sessionId").GetString() == sessionId);
            Assert.Equal("declined", revoked.GetProperty("reason").GetString());
        }
        Assert.Equal("That offer is no longer available.", await HubErrors.ExpectAsync(second, "conflict", "DeclineOffer", sessionId));
        var status = await scene.Agent.InvokeAsync<JsonElement>("GetStatus");
        Assert.Empty(status.GetProperty("pendingOffers").EnumerateArray());
    }

    [Fact]
    public async Task The_agent_who_declined_is_offered_the_same_session_again_after_the_pass_over_time()
    {
        await using var scene = await Scene.StartAsync(_client);
        var (sessionId, _, _, _) = await scene.OfferedAsync();
        var declinedAt = Stopwatch.StartNew();

        await scene.Agent.InvokeAsync<object?>("DeclineOffer", sessionId);

        var again = await scene.AgentEvents.NextAsync("offer", o => o.GetProperty("sessionId").GetString() == sessionId);
        Assert.True(declinedAt.Elapsed >= TimeSpan.Parse(ApiFixture.OfferAgainAfter) - TimeSpan.FromMilliseconds(100),
            $"offered again after {declinedAt.Elapsed}, before Engagement:Routing:OfferAgainAfter ({ApiFixture.OfferAgainAfter})");
        Assert.Equal(sessionId, again.GetProperty("sessionId").GetString());
    }

    [Fact]
    public async Task An_agent_stays_available_for_the_disconnect_grace_after_its_last_connection_closes()
    {
        await using var scene = await Scene.StartAsync(_client);
        var admin = await _client.AdminTokenAsync();
        var grace = new PresenceOptions().DisconnectGrace; // not configured by the fixture: the documented default
        var stopped = Stopwatch.StartNew();

        await scene.Agent.StopAsync();

        Assert.Equal("available", await PresenceAsync(admin, scene));
        string presence;
        do
        {
            await Task.Delay(250);
            presence = await PresenceAsync(admin, scene);
        }
        while (presence == "available" && stopped.Elapsed < grace + EventRecorder.Patience);
        Assert.Equal("offline", presence);
        Assert.True(stopped.Elapsed >= grace - TimeSpan.FromMilliseconds(500), $"offline after {stopped.Elapsed}, before the grace of {grace}");
        Assert.Equal(HubConnectionState.Disconnected, scene.Agent.State);
    }

    private async Task<string> PresenceAsync(string admin, Scene scene)
    {
        var agent = await _client.OkAsync(HttpMethod.Get, $"/api/agents/{scene.AgentId}", admin);
        return agent["status"]!["presence"]!.GetValue<string>();
    }
}
