using System.Net;
using Xunit.Abstractions;

namespace Engagement.Media.Tests.Browser;

/// <summary>Real calls between headless Chromium pages (fake camera and microphone) through the SFU.</summary>
[Collection(nameof(ChromiumCollection))]
public sealed class ChromiumCallTests(ChromiumFixture chromium, ITestOutputHelper output) : IDisposable
{
    private readonly IMediaEngine _engine = MediaEngine.Start(new MediaEngineOptions { BindAddress = IPAddress.Loopback });

    [Fact]
    public async Task Two_browsers_receive_and_decode_each_others_audio_and_video()
    {
        var room = _engine.CreateRoom("call");
        await using var alice = await ChromiumPeer.OpenAsync(chromium.Browser);
        await using var bob = await ChromiumPeer.OpenAsync(chromium.Browser);

        await alice.AnswerAsync(await room.JoinAsync("alice", await alice.StartAsync(1, 1)));
        await bob.AnswerAsync(await room.JoinAsync("bob", await bob.StartAsync(1, 1)));
        // Bob's offer already found Alice's tracks; Alice renegotiates to receive Bob's.
        await alice.AnswerAsync(await room.RenegotiateAsync("alice", await alice.RenegotiateAsync()));

        await AssertReceivesAudioAndVideo(alice, "alice");
        await AssertReceivesAudioAndVideo(bob, "bob");
        output.WriteLine(string.Join("\n", await alice.InboundAsync()));
        output.WriteLine(string.Join("\n", await bob.OutboundAsync()));
        output.WriteLine(_engine.GetStats().ToString());
        Assert.All(room.Participants, p => Assert.Equal(2, p.SubscribedTrackIds.Count));
    }

    internal static async Task AssertReceivesAudioAndVideo(ChromiumPeer peer, string name)
    {
        var stats = await Eventually.Until(peer.InboundAsync,
            s => s.Any(x => x.Kind == "video" && x.FramesDecoded > 10) &&
                 s.Any(x => x.Kind == "audio" && x.PacketsReceived > 50 && x.TotalSamplesReceived > 0),
            $"{name} should decode remote video frames and receive audio");
        Assert.Contains(stats, s => s.Kind == "video" && s.FrameWidth > 0);
    }

    public void Dispose() => _engine.Dispose();
}

[CollectionDefinition(nameof(ChromiumCollection))]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>;
