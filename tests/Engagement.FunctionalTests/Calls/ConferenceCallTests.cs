using Engagement.FunctionalTests.EndToEnd;
using Engagement.Media.Tests;
using Engagement.Media.Tests.Browser;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Calls;

/// <summary>
/// A three-party call through the product (docs/protocol.md, Agent hub: conference; Calls): a visitor and an agent
/// in a video call, a colleague invited into the conversation joins it, and each of three headless Chromium pages
/// decodes both others' video and receives both others' audio through the node's SFU; the call goes on when one
/// leaves and ends only when fewer than two remain.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class ConferenceCallTests(EndToEndFixture e2e, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Three_parties_in_one_call_each_receive_the_others_audio_and_video()
    {
        await using var conversation = await Conversation.StartAsync(e2e);
        var (visitor, alice, sessionId) = (conversation.Visitor, conversation.Agent, conversation.SessionId);
        var bobLogin = await e2e.CreateAgentAsync(await e2e.CreateQueueAsync(), "bob");
        await using var bob = await HubClient.AgentAsync(e2e.Node.BaseUrl, bobLogin.Token);

        await visitor.Connection.InvokeAsync<CallView>("StartCall", sessionId, CallMedia.Video);
        await alice.Connection.InvokeAsync<CallView>("AnswerCall", sessionId, true);
        await using var visitorPage = await ChromiumPeer.OpenAsync(chromium.Browser);
        await using var alicePage = await ChromiumPeer.OpenAsync(chromium.Browser);
        await visitorPage.AnswerAsync(await visitor.Connection.InvokeAsync<string>("CallOffer", sessionId, await visitorPage.StartAsync(2, 2)));
        await alicePage.AnswerAsync(await alice.Connection.InvokeAsync<string>("CallOffer", sessionId, await alicePage.StartAsync(2, 2)));

        // Alice invites Bob; he accepts and joins the call that is going on.
        await alice.Connection.InvokeAsync<SessionView>("InviteToSession", sessionId, bobLogin.AgentId, "Video walkthrough");
        await bob.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId && o.InvitedBy == conversation.AgentId);
        await bob.Connection.InvokeAsync<JoinResult>("AcceptOffer", sessionId);
        var three = await bob.Connection.InvokeAsync<CallView>("AnswerCall", sessionId, true);
        Assert.Equal(3, three.Participants.Count(p => p.Joined));
        await using var bobPage = await ChromiumPeer.OpenAsync(chromium.Browser);
        await bobPage.AnswerAsync(await bob.Connection.InvokeAsync<string>("CallOffer", sessionId, await bobPage.StartAsync(2, 2)));

        // Bob's tracks came after the others joined: they are told and offer again (their free receivers take them).
        foreach (var (client, page) in new[] { (visitor, visitorPage), (alice, alicePage) })
        {
            await client.WaitFor<CallTrack>(ClientEvents.CallTrack, t => t.ParticipantId == bobLogin.AgentId && t.Kind == CallMedia.Video && t.Published);
            await page.AnswerAsync(await client.Connection.InvokeAsync<string>("CallOffer", sessionId, await page.RenegotiateAsync()));
        }
        foreach (var page in new[] { visitorPage, alicePage, bobPage })
        {
            await Eventually.Until(page.InboundAsync,
                s => s.Count(x => x.Kind == "video" && x.FramesDecoded > 10) == 2 && s.Count(x => x.Kind == "audio" && x.TotalSamplesReceived > 0) == 2,
                "each page decodes both others' video and receives both others' audio");
        }
        await visitor.WaitFor<CallView>(ClientEvents.Call, c => c.Participants.Count(p => p.Joined && p.Connected) == 3);

        // Bob leaves the conversation: the call goes on between the two who stay; it ends when the next one hangs up.
        await bob.Connection.InvokeAsync<SessionView>("LeaveSession", sessionId);
        var two = await visitor.WaitFor<CallView>(ClientEvents.Call, c => c.Status == CallStatus.Active && c.Participants.All(p => p.ParticipantId != bobLogin.AgentId));
        Assert.Equal(2, two.Participants.Count(p => p.Joined));
        var before = (await alicePage.InboundAsync()).Where(x => x.Kind == "video").Sum(x => x.FramesDecoded);
        await Eventually.Until(alicePage.InboundAsync, s => s.Where(x => x.Kind == "video").Sum(x => x.FramesDecoded) > before + 30,
            "alice keeps decoding the visitor after bob left");
        Assert.Equal(CallStatus.Ended, (await alice.Connection.InvokeAsync<CallView>("HangUp", sessionId)).Status);

        var transcript = await alice.Connection.InvokeAsync<ChatMessage[]>("GetTranscript", sessionId, 0L, 100);
        Assert.Contains(transcript, m => m.Kind == MessageKind.Event && m.Text == "bob joined the conversation.");
        Assert.Contains(transcript, m => m.Kind == MessageKind.Event && m.Text == "bob joined the call.");
        Assert.Contains(transcript, m => m.Kind == MessageKind.Event && m.Text == "bob left the call.");
        Assert.Contains(transcript, m => m.Kind == MessageKind.Event && m.Text == "bob left the conversation.");
    }
}
