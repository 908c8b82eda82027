using System.Net;
using Engagement.Media.Sfu;
using Engagement.Media.Tests.Telemetry;
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
        await Eventually.Until(() => Task.FromResult(room.Participants.All(p => p.Connected)), c => c, "both should connect");
        // Bob's offer already found Alice's tracks; Alice renegotiates to receive Bob's, which makes
        // the SFU ask Bob's camera for a key frame.
        await alice.AnswerAsync(await room.RenegotiateAsync("alice", await alice.RenegotiateAsync()));

        await AssertReceivesAudioAndVideo(alice, "alice");
        await AssertReceivesAudioAndVideo(bob, "bob");
        output.WriteLine(string.Join("\n", await alice.InboundAsync()));
        output.WriteLine(_engine.GetStats().ToString());
        Assert.All(room.Participants, p => Assert.Equal(2, p.SubscribedTrackIds.Count));

        // A new subscriber made the SFU ask Bob's camera for a key frame (PLI), and REMB lets the
        // publisher raise its video bitrate.
        var sent = await Eventually.Until(bob.OutboundAsync,
            s => s.Any(x => x.Kind == "video" && x.PliCount > 0 && x.TargetBitrate > 1_000_000),
            "bob's camera should get a PLI and a target bitrate above 1 Mbit/s");
        output.WriteLine(string.Join("\n", sent));
        using var metrics = new MetricRecorder(((SfuEngine)_engine).Metrics.Meter);
        Assert.True(metrics.Value("engagement.media.key_frame_requests", "direction=sent") > 0, "the PLI to bob's camera is counted");
    }

    [Fact]
    public async Task Chromium_follows_the_bitrate_the_sfu_announces_in_remb()
    {
        using var engine = MediaEngine.Start(new MediaEngineOptions { BindAddress = IPAddress.Loopback, PublisherBitrate = 150_000 });
        var room = engine.CreateRoom("remb");
        await using var publisher = await ChromiumPeer.OpenAsync(chromium.Browser);
        await publisher.AnswerAsync(await room.JoinAsync("publisher", await publisher.StartAsync(0, 0)));
        // Left alone Chromium reaches well over 1 Mbit/s here (see the call test); a REMB of 150 kbit/s must hold it below 200.
        await Eventually.Until(publisher.OutboundAsync,
            s => s.Any(x => x.Kind == "video" && x.PacketsSent > 100 && x.TargetBitrate is > 0 and < 200_000),
            "the publisher's video target bitrate should follow the REMB");
    }

    [Fact]
    public async Task An_offer_whose_fingerprint_does_not_match_the_certificate_fails_dtls_and_leaves()
    {
        var room = _engine.CreateRoom("forged");
        var left = new TaskCompletionSource<ParticipantLeft>();
        room.Changed += (_, e) => { if (e is ParticipantLeft l) left.TrySetResult(l); };
        await using var mallory = await ChromiumPeer.OpenAsync(chromium.Browser);
        var offer = await mallory.StartAsync(0, 0);
        var forged = System.Text.RegularExpressions.Regex.Replace(offer, "a=fingerprint:sha-256 [0-9A-F:]+",
            "a=fingerprint:sha-256 " + string.Join(":", Enumerable.Repeat("AB", 32)));
        await mallory.AnswerAsync(await room.JoinAsync("mallory", forged));
        var reason = await left.Task.WaitAsync(TimeSpan.FromSeconds(45));
        Assert.Equal("mallory", reason.ParticipantId);
        Assert.Contains("fingerprint", reason.Reason);
        Assert.Empty(room.Participants);
    }

    [Fact]
    public async Task A_participant_that_vanishes_loses_consent_and_leaves()
    {
        using var engine = MediaEngine.Start(new MediaEngineOptions { BindAddress = IPAddress.Loopback, ConsentTimeout = TimeSpan.FromSeconds(4) });
        var room = engine.CreateRoom("vanish");
        var left = new TaskCompletionSource<ParticipantLeft>();
        room.Changed += (_, e) => { if (e is ParticipantLeft l) left.TrySetResult(l); };
        var ghost = await ChromiumPeer.OpenAsync(chromium.Browser);
        await ghost.AnswerAsync(await room.JoinAsync("ghost", await ghost.StartAsync(0, 0)));
        await Eventually.Until(() => Task.FromResult(room.Participants.Single().Connected), c => c, "ghost should connect");
        await ghost.DisposeAsync(); // closes the tab: no BYE, no more consent checks
        var reason = await left.Task.WaitAsync(TimeSpan.FromSeconds(45));
        Assert.Equal("consent expired", reason.Reason);
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
