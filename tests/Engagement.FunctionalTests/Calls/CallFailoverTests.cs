using Engagement.FunctionalTests.EndToEnd;
using Engagement.Media.Tests;
using Engagement.Media.Tests.Browser;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.FunctionalTests.Calls;

/// <summary>
/// The node that owns a call's media room dies: the session activates on another node, the clients offer
/// again with an ICE restart, and the call resumes there.
/// </summary>
public class CallFailoverTests : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private readonly EndToEndFixture _e2e = new();
    private readonly ChromiumFixture _chromium;

    public CallFailoverTests(ChromiumFixture chromium) => _chromium = chromium;

    public Task InitializeAsync() => _e2e.InitializeAsync();

    public Task DisposeAsync() => _e2e.DisposeAsync();

    [Fact]
    public async Task A_call_resumes_on_another_node_after_the_node_holding_its_room_stops()
    {
        var second = await _e2e.StartNodeAsync();
        await using var conversation = await Conversation.StartAsync(_e2e);
        var sessionId = conversation.SessionId;
        var (hostNode, survivor) = await PlacementAsync(sessionId, second);

        // Signaling goes through the surviving node, as a client reconnecting after the failure would.
        await using var visitor = await HubClient.VisitorAsync(survivor.BaseUrl, conversation.VisitorToken);
        await using var agent = await HubClient.AgentAsync(survivor.BaseUrl, conversation.AgentToken);
        await using var peers = await StartVideoCallAsync(visitor, agent, sessionId);
        var (visitorPage, agentPage) = (peers.Visitor, peers.Agent);
        await visitorPage.AnswerAsync(await visitor.Connection.InvokeAsync<string>("CallOffer", sessionId, await visitorPage.RenegotiateAsync()));
        await Eventually.Until(visitorPage.InboundAsync, s => s.Any(x => x.Kind == "video" && x.FramesDecoded > 5), "the call runs");

        await hostNode.StopAsync();

        // Both sides restart ICE towards the session's new activation, then the visitor takes the agent's tracks again.
        await agentPage.AnswerAsync(await agent.Connection.InvokeAsync<string>("CallOffer", sessionId, await agentPage.RestartIceAsync()));
        await visitorPage.AnswerAsync(await visitor.Connection.InvokeAsync<string>("CallOffer", sessionId, await visitorPage.RestartIceAsync()));
        await agentPage.AnswerAsync(await agent.Connection.InvokeAsync<string>("CallOffer", sessionId, await agentPage.RenegotiateAsync()));
        var before = (await visitorPage.InboundAsync()).Where(x => x.Kind == "video").Sum(x => x.FramesDecoded);
        await Eventually.Until(visitorPage.InboundAsync, s => s.Where(x => x.Kind == "video").Sum(x => x.FramesDecoded) > before + 10,
            "the visitor decodes the agent's video again after the failover");
        await Eventually.Until(agentPage.InboundAsync, s => s.Any(x => x.Kind == "video" && x.FramesDecoded > 5),
            "the agent decodes the visitor's video after the failover");
        Assert.Equal(CallStatus.Active, (await visitor.Connection.InvokeAsync<CallView>("GetCall", sessionId)).Status);
    }

    [Fact]
    public async Task A_client_that_reconnects_to_the_sessions_new_activation_is_told_in_its_join_that_its_media_is_gone()
    {
        var second = await _e2e.StartNodeAsync();
        await using var conversation = await Conversation.StartAsync(_e2e);
        var sessionId = conversation.SessionId;
        var (hostNode, survivor) = await PlacementAsync(sessionId, second);

        // The visitor's hub is on the survivor (its lease comes back to the new activation); the agent's is on the
        // node that goes away, so the agent reconnects and joins anew, as a client whose node died does.
        await using var visitor = await HubClient.VisitorAsync(survivor.BaseUrl, conversation.VisitorToken);
        await using var agentBefore = await HubClient.AgentAsync(hostNode.BaseUrl, conversation.AgentToken);
        await using var peers = await StartVideoCallAsync(visitor, agentBefore, sessionId);
        var (visitorPage, agentPage) = (peers.Visitor, peers.Agent);
        await visitor.WaitFor<CallView>(ClientEvents.Call, c => c.Participants.All(p => p.Connected), seconds: 60);
        var seen = visitor.Events<CallView>(ClientEvents.Call).Count();

        await hostNode.StopAsync();

        // Step 5 on the connection that stayed: the visitor sees itself no longer connected, and offers again.
        await Eventually.Until(() => Task.FromResult(visitor.Events<CallView>(ClientEvents.Call).Skip(seen).ToList()),
            views => views.Any(c => c.Status == CallStatus.Active && !Visitor(c).Connected), "the visitor is told its media is gone");
        await visitorPage.AnswerAsync(await visitor.Connection.InvokeAsync<string>("CallOffer", sessionId, await visitorPage.RestartIceAsync()));
        await Eventually.Until(() => Task.FromResult(visitor.Events<CallView>(ClientEvents.Call).Skip(seen).ToList()),
            views => views.Any(c => c.Status == CallStatus.Active && Visitor(c).Connected), "the visitor's media reaches the new room");

        // The agent reconnects to the survivor and joins: the new activation has a room, but not the agent's media.
        await using var agent = await HubClient.AgentAsync(survivor.BaseUrl, conversation.AgentToken);
        await agent.Connection.InvokeAsync<JoinResult>("JoinSession", sessionId, 0L);
        var told = await agent.WaitFor<CallView>(ClientEvents.Call, seconds: 30);
        Assert.Equal(CallStatus.Active, told.Status);
        Assert.False(told.Participants.Single(p => p.ParticipantId == conversation.AgentId).Connected);
        Assert.True(Visitor(told).Connected);

        // Told so, the agent offers again with an ICE restart, and media flows both ways through the survivor.
        await agentPage.AnswerAsync(await agent.Connection.InvokeAsync<string>("CallOffer", sessionId, await agentPage.RestartIceAsync()));
        await visitor.WaitFor<CallTrack>(ClientEvents.CallTrack, t => t.ParticipantId == conversation.AgentId && t.Kind == CallMedia.Video && t.Published, seconds: 60);
        await visitorPage.AnswerAsync(await visitor.Connection.InvokeAsync<string>("CallOffer", sessionId, await visitorPage.RenegotiateAsync()));
        var before = (await visitorPage.InboundAsync()).Where(x => x.Kind == "video").Sum(x => x.FramesDecoded);
        await Eventually.Until(visitorPage.InboundAsync, s => s.Where(x => x.Kind == "video").Sum(x => x.FramesDecoded) > before + 10, "the visitor decodes the agent's video again");
        await Eventually.Until(agentPage.InboundAsync, s => s.Any(x => x.Kind == "video" && x.FramesDecoded > 5), "the agent decodes the visitor's video again");
    }

    /// <summary>The node where the session is active (the one to stop) and the other one.</summary>
    private async Task<(EngagementNode Host, EngagementNode Survivor)> PlacementAsync(string sessionId, EngagementNode second)
    {
        var grains = _e2e.Node.Services.GetRequiredService<IGrainFactory>();
        var host = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetSession(sessionId));
        var hostNode = host!.Endpoint.Port == LocalSiloPort(_e2e.Node) ? _e2e.Node : second;
        return (hostNode, hostNode == _e2e.Node ? second : _e2e.Node);
    }

    /// <summary>Both join, the visitor starts a video call, the agent answers, and each sends its first offer from Chromium.</summary>
    private async Task<CallPeers> StartVideoCallAsync(HubClient visitor, HubClient agent, string sessionId)
    {
        await visitor.Connection.InvokeAsync<JoinResult>("JoinSession", sessionId, 0L);
        await agent.Connection.InvokeAsync<JoinResult>("JoinSession", sessionId, 0L);
        await visitor.Connection.InvokeAsync<CallView>("StartCall", sessionId, CallMedia.Video);
        await agent.Connection.InvokeAsync<CallView>("AnswerCall", sessionId, true);
        var visitorPage = await ChromiumPeer.OpenAsync(_chromium.Browser);
        var agentPage = await ChromiumPeer.OpenAsync(_chromium.Browser);
        await visitorPage.AnswerAsync(await visitor.Connection.InvokeAsync<string>("CallOffer", sessionId, await visitorPage.StartAsync(1, 1)));
        await agentPage.AnswerAsync(await agent.Connection.InvokeAsync<string>("CallOffer", sessionId, await agentPage.StartAsync(1, 1)));
        return new CallPeers(visitorPage, agentPage);
    }

    private static CallParticipant Visitor(CallView view) => view.Participants.Single(p => p.Role == ParticipantRole.Visitor);

    private static int LocalSiloPort(EngagementNode node) =>
        node.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint.Port;

    private sealed record CallPeers(ChromiumPeer Visitor, ChromiumPeer Agent) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Visitor.DisposeAsync();
            await Agent.DisposeAsync();
        }
    }
}
