using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Engagement.FunctionalTests.EndToEnd;
using Engagement.Media.Tests;
using Engagement.Media.Tests.Browser;
using Engagement.Media.Tests.Peers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Calls;

/// <summary>
/// A chat escalates to a video call through the product: signaling over the hubs (official SignalR client),
/// media between two headless Chromium pages through the node's SFU; and WHIP/WHEP with aiortc and Chromium.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class CallTests(EndToEndFixture e2e, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_visitor_and_an_agent_escalate_their_chat_to_a_video_call_and_see_each_other()
    {
        await using var conversation = await Conversation.StartAsync(e2e);
        var (visitor, agent, sessionId) = (conversation.Visitor, conversation.Agent, conversation.SessionId);

        var ringing = await visitor.Connection.InvokeAsync<CallView>("StartCall", sessionId, CallMedia.Video);
        Assert.Equal(CallStatus.Ringing, ringing.Status);
        await agent.WaitFor<CallView>(ClientEvents.Call, c => c.Status == CallStatus.Ringing);
        Assert.Equal(CallStatus.Active, (await agent.Connection.InvokeAsync<CallView>("AnswerCall", sessionId, true)).Status);

        await using var visitorPage = await ChromiumPeer.OpenAsync(chromium.Browser);
        await using var agentPage = await ChromiumPeer.OpenAsync(chromium.Browser);
        await visitorPage.AnswerAsync(await visitor.Connection.InvokeAsync<string>("CallOffer", sessionId, await visitorPage.StartAsync(1, 1)));
        await agentPage.AnswerAsync(await agent.Connection.InvokeAsync<string>("CallOffer", sessionId, await agentPage.StartAsync(1, 1)));

        // The agent's tracks were published after the visitor joined: the visitor is told and offers again.
        await visitor.WaitFor<CallTrack>(ClientEvents.CallTrack, t => t.ParticipantId == conversation.AgentId && t.Kind == CallMedia.Video && t.Published);
        await visitorPage.AnswerAsync(await visitor.Connection.InvokeAsync<string>("CallOffer", sessionId, await visitorPage.RenegotiateAsync()));

        foreach (var page in new[] { visitorPage, agentPage })
        {
            await Eventually.Until(page.InboundAsync,
                s => s.Any(x => x.Kind == "video" && x.FramesDecoded > 10) && s.Any(x => x.Kind == "audio" && x.TotalSamplesReceived > 0),
                "each side decodes the other's video and receives audio");
        }
        await visitor.WaitFor<CallView>(ClientEvents.Call, c => c.Participants.All(p => p.Connected));

        var muted = await agent.Connection.InvokeAsync<CallView>("UpdateCallMedia", sessionId, false, true);
        Assert.False(muted.Participants.Single(p => p.ParticipantId == conversation.AgentId).AudioOn);
        var ended = await visitor.Connection.InvokeAsync<CallView>("HangUp", sessionId);
        Assert.Equal(CallStatus.Ended, ended.Status);
        await agent.WaitFor<CallView>(ClientEvents.Call, c => c.Status == CallStatus.Ended);

        var transcript = await agent.Connection.InvokeAsync<ChatMessage[]>("GetTranscript", sessionId, 0L, 100);
        Assert.Contains(transcript, m => m.Kind == MessageKind.Event && m.Text.Contains("started a video call"));
        Assert.Contains(transcript, m => m.Kind == MessageKind.Event && m.Text.Contains("joined the call"));
        Assert.Contains(transcript, m => m.Kind == MessageKind.Event && m.Text.Contains("The call lasted"));
    }

    // The old page's DTLS handshake, woken when its transport is disposed, fails late on a loaded node; it used to
    // remove whoever held the participant's id by then, the new page (docs/media-plane.md, "Failover"; Units/RejoinTests).
    [Fact]
    public async Task A_new_peer_connection_of_a_participant_takes_the_place_of_its_old_one()
    {
        await using var conversation = await Conversation.StartAsync(e2e);
        var (visitor, agent, sessionId) = (conversation.Visitor, conversation.Agent, conversation.SessionId);
        await visitor.Connection.InvokeAsync<CallView>("StartCall", sessionId, CallMedia.Video);
        await agent.Connection.InvokeAsync<CallView>("AnswerCall", sessionId, true);
        await using (var before = await ChromiumPeer.OpenAsync(chromium.Browser))
        {
            await before.AnswerAsync(await visitor.Connection.InvokeAsync<string>("CallOffer", sessionId, await before.StartAsync(1, 1)));
        }

        // The visitor's page reloads: a new peer connection, with a new DTLS certificate, offers for the same participant.
        await using var visitorPage = await ChromiumPeer.OpenAsync(chromium.Browser);
        await visitorPage.AnswerAsync(await visitor.Connection.InvokeAsync<string>("CallOffer", sessionId, await visitorPage.StartAsync(1, 1)));
        await using var agentPage = await ChromiumPeer.OpenAsync(chromium.Browser);
        await agentPage.AnswerAsync(await agent.Connection.InvokeAsync<string>("CallOffer", sessionId, await agentPage.StartAsync(1, 1)));
        await visitor.WaitFor<CallTrack>(ClientEvents.CallTrack, t => t.ParticipantId == conversation.AgentId && t.Kind == CallMedia.Video && t.Published);
        await visitorPage.AnswerAsync(await visitor.Connection.InvokeAsync<string>("CallOffer", sessionId, await visitorPage.RenegotiateAsync()));

        foreach (var page in new[] { visitorPage, agentPage })
        {
            await Eventually.Until(page.InboundAsync, s => s.Any(x => x.Kind == "video" && x.FramesDecoded > 10),
                "the new connection sends and receives video");
        }
    }

    [Fact]
    public async Task Calls_follow_the_rules_of_the_session()
    {
        await using var conversation = await Conversation.StartAsync(e2e);
        var (visitor, agent, sessionId) = (conversation.Visitor, conversation.Agent, conversation.SessionId);
        var stranger = await e2e.NewVisitorAsync();
        await using var strangerClient = await HubClient.VisitorAsync(e2e.Node.BaseUrl, stranger.Token);

        await Assert.ThrowsAsync<HubException>(() => strangerClient.Connection.InvokeAsync<CallView>("StartCall", sessionId, CallMedia.Audio));
        await Assert.ThrowsAsync<HubException>(() => visitor.Connection.InvokeAsync<string>("CallOffer", sessionId, "v=0"));
        await agent.Connection.InvokeAsync<CallView>("StartCall", sessionId, CallMedia.Audio);
        await Assert.ThrowsAsync<HubException>(() => agent.Connection.InvokeAsync<CallView>("StartCall", sessionId, CallMedia.Video));
        await Assert.ThrowsAsync<HubException>(() => agent.Connection.InvokeAsync<CallView>("AnswerCall", sessionId, true));
        var declined = await visitor.Connection.InvokeAsync<CallView>("AnswerCall", sessionId, false);
        Assert.Equal(CallStatus.Ended, declined.Status);
        Assert.Equal("declined", declined.EndReason);

        var bad = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await visitor.Connection.InvokeAsync<CallView>("StartCall", sessionId, CallMedia.Video);
            await agent.Connection.InvokeAsync<CallView>("AnswerCall", sessionId, true);
            await visitor.Connection.InvokeAsync<string>("CallOffer", sessionId, "this is not SDP");
        });
        Assert.Contains("SDP", bad.Message);
        await agent.Connection.InvokeAsync<SessionView>("CloseSession", sessionId, "resolved");
        await visitor.WaitFor<CallView>(ClientEvents.Call, c => c.Status == CallStatus.Ended && c.EndReason == "session ended");
    }

    [Fact]
    public async Task aiortc_publishes_over_WHIP_while_Chromium_watches_over_WHEP()
    {
        await using var conversation = await Conversation.StartAsync(e2e);
        var sessionId = conversation.SessionId;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        await using var publisher = AiortcPeer.Start();
        var offer = (string)(await publisher.ReadAsync("offer", timeout.Token))["sdp"]!;
        using var anonymous = e2e.Http();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/sessions/{sessionId}/whip", Sdp(offer))).StatusCode);
        using var visitorHttp = e2e.Http(conversation.VisitorToken);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await visitorHttp.PostAsync($"/api/sessions/{sessionId}/whip", new StringContent(offer))).StatusCode);

        var published = await visitorHttp.PostAsync($"/api/sessions/{sessionId}/whip", Sdp(offer));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal("application/sdp", published.Content.Headers.ContentType?.MediaType);
        var resource = published.Headers.Location!.OriginalString;
        await publisher.SendAsync(new { type = "answer", sdp = await published.Content.ReadAsStringAsync() });
        await publisher.ReadAsync("connected", timeout.Token);

        await using var viewer = await ChromiumPeer.OpenAsync(chromium.Browser);
        using var agentHttp = e2e.Http(conversation.AgentToken);
        var watched = await agentHttp.PostAsync($"/api/sessions/{sessionId}/whep", Sdp(await viewer.WatchAsync(1, 1)));
        Assert.Equal(HttpStatusCode.Created, watched.StatusCode);
        await viewer.AnswerAsync(await watched.Content.ReadAsStringAsync());
        await Eventually.Until(viewer.InboundAsync,
            s => s.Any(x => x.Kind == "video" && x.FramesDecoded > 10) && s.Any(x => x.Kind == "audio" && x.PacketsReceived > 20),
            "Chromium decodes what aiortc publishes into the session");

        var stranger = await e2e.NewVisitorAsync();
        using var strangerHttp = e2e.Http(stranger.Token);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerHttp.PostAsync($"/api/sessions/{sessionId}/whep", Sdp(offer))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitorHttp.DeleteAsync(resource)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitorHttp.DeleteAsync(resource)).StatusCode);
    }

    private static StringContent Sdp(string sdp) => new(sdp, Encoding.UTF8, new MediaTypeHeaderValue("application/sdp"));
}
