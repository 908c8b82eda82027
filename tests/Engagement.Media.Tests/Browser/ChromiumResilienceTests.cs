using System.Collections.Concurrent;
using System.Net;
using Engagement.Media.Sfu;
using Engagement.Media.Tests.Telemetry;

namespace Engagement.Media.Tests.Browser;

/// <summary>Loss recovered by NACK, a participant leaving mid-call, and an ICE restart, with real Chromium peers.</summary>
[Collection(nameof(ChromiumCollection))]
public sealed class ChromiumResilienceTests(ChromiumFixture chromium) : IDisposable
{
    private IMediaEngine? _engine;

    private IMediaEngine Start(double simulatedVideoLoss = 0) =>
        _engine = MediaEngine.Start(new MediaEngineOptions { BindAddress = IPAddress.Loopback, SimulatedVideoLoss = simulatedVideoLoss });

    [Fact]
    public async Task Injected_loss_on_forwarded_video_is_recovered_by_nack_retransmission()
    {
        var engine = Start(simulatedVideoLoss: 0.05);
        var room = engine.CreateRoom("lossy");
        await using var alice = await ChromiumPeer.OpenAsync(chromium.Browser);
        await using var bob = await ChromiumPeer.OpenAsync(chromium.Browser);
        await alice.AnswerAsync(await room.JoinAsync("alice", await alice.StartAsync(1, 1)));
        await bob.AnswerAsync(await room.JoinAsync("bob", await bob.StartAsync(1, 1)));

        var video = await Eventually.Until(bob.InboundAsync,
            s => s.Any(x => x.Kind == "video" && x.NackCount > 0 && x.FramesDecoded > 60),
            "bob should NACK the dropped packets and keep decoding");
        var stats = engine.GetStats();
        Assert.True(stats.Dropped["simulated_loss"] > 0);
        Assert.True(stats.Retransmissions > 0, "the SFU should answer NACKs from its retransmission buffer");
        // Every dropped packet that was asked for again came back: what Chromium counts as lost stays
        // well below what was dropped.
        var received = video.Single(x => x.Kind == "video");
        Assert.True(received.PacketsLost < stats.Dropped["simulated_loss"],
            $"packetsLost {received.PacketsLost} should be below dropped {stats.Dropped["simulated_loss"]}");

        // The meters tell an operator the same story: NACKs in, bytes both ways.
        using var metrics = new MetricRecorder(((SfuEngine)engine).Metrics.Meter);
        Assert.True(metrics.Value("engagement.media.nacks", "direction=received") >= stats.Retransmissions,
            "every retransmission answered a NACKed sequence number");
        Assert.True(metrics.Value("engagement.media.io", "direction=received") > 0);
        Assert.True(metrics.Value("engagement.media.io", "direction=forwarded") > metrics.Value("engagement.media.packets.forwarded"),
            "forwarded copies carry more than a byte each");
    }

    [Fact]
    public async Task A_participant_leaving_mid_call_leaves_the_others_talking()
    {
        var room = Start().CreateRoom("three");
        var events = new ConcurrentQueue<MediaRoomEvent>();
        room.Changed += (_, e) => events.Enqueue(e);
        await using var alice = await ChromiumPeer.OpenAsync(chromium.Browser);
        await using var carol = await ChromiumPeer.OpenAsync(chromium.Browser);
        var bob = await ChromiumPeer.OpenAsync(chromium.Browser);

        await alice.AnswerAsync(await room.JoinAsync("alice", await alice.StartAsync(2, 2)));
        await bob.AnswerAsync(await room.JoinAsync("bob", await bob.StartAsync(2, 2)));
        await carol.AnswerAsync(await room.JoinAsync("carol", await carol.StartAsync(2, 2)));
        await alice.AnswerAsync(await room.RenegotiateAsync("alice", await alice.RenegotiateAsync()));
        await bob.AnswerAsync(await room.RenegotiateAsync("bob", await bob.RenegotiateAsync()));
        await Eventually.Until(alice.InboundAsync, s => s.Count(x => x.Kind == "video" && x.FramesDecoded > 10) == 2,
            "alice should decode bob and carol");

        Assert.True(room.Leave("bob"));
        await bob.DisposeAsync();
        Assert.Contains(events, e => e is ParticipantLeft { ParticipantId: "bob" });
        Assert.Equal(2, events.Count(e => e is TrackUnpublished { ParticipantId: "bob" }));
        Assert.DoesNotContain(room.Participants, p => p.ParticipantId == "bob");
        Assert.All(room.Participants, p => Assert.DoesNotContain(p.SubscribedTrackIds, id => id.StartsWith("bob", StringComparison.Ordinal)));

        // Clients renegotiate on TrackUnpublished; media between the two who stayed keeps flowing.
        await alice.AnswerAsync(await room.RenegotiateAsync("alice", await alice.RenegotiateAsync()));
        await carol.AnswerAsync(await room.RenegotiateAsync("carol", await carol.RenegotiateAsync()));
        var before = (await alice.InboundAsync()).Where(x => x.Kind == "video").Sum(x => x.FramesDecoded);
        await Eventually.Until(alice.InboundAsync, s => s.Where(x => x.Kind == "video").Sum(x => x.FramesDecoded) > before + 30,
            "alice should keep decoding carol after bob left");
        var carolBefore = (await carol.InboundAsync()).Where(x => x.Kind == "video").Sum(x => x.FramesDecoded);
        await Eventually.Until(carol.InboundAsync, s => s.Where(x => x.Kind == "video").Sum(x => x.FramesDecoded) > carolBefore + 30,
            "carol should keep decoding alice after bob left");
    }

    [Fact]
    public async Task An_ice_restart_keeps_the_call_going_on_new_credentials()
    {
        var room = Start().CreateRoom("restart");
        await using var alice = await ChromiumPeer.OpenAsync(chromium.Browser);
        await using var bob = await ChromiumPeer.OpenAsync(chromium.Browser);
        var firstAnswer = await room.JoinAsync("alice", await alice.StartAsync(1, 1));
        await alice.AnswerAsync(firstAnswer);
        await bob.AnswerAsync(await room.JoinAsync("bob", await bob.StartAsync(1, 1)));
        await alice.AnswerAsync(await room.RenegotiateAsync("alice", await alice.RenegotiateAsync()));
        await ChromiumCallTests.AssertReceivesAudioAndVideo(alice, "alice");

        var restartOffer = await alice.RestartIceAsync();
        var restartAnswer = await room.RenegotiateAsync("alice", restartOffer);
        Assert.NotEqual(SdpText.IceUfrag(firstAnswer), SdpText.IceUfrag(restartAnswer));
        await alice.AnswerAsync(restartAnswer);

        var before = (await alice.InboundAsync()).Single(x => x.Kind == "video").FramesDecoded;
        await Eventually.Until(alice.InboundAsync, s => s.Single(x => x.Kind == "video").FramesDecoded > before + 30,
            "alice should keep decoding bob after the ICE restart");
        var bobBefore = (await bob.InboundAsync()).Single(x => x.Kind == "video").FramesDecoded;
        await Eventually.Until(bob.InboundAsync, s => s.Single(x => x.Kind == "video").FramesDecoded > bobBefore + 30,
            "bob should keep decoding alice after her ICE restart");
        Assert.Equal("connected", await alice.ConnectionStateAsync());
    }

    public void Dispose() => _engine?.Dispose();
}
