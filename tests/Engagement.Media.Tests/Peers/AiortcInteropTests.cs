using System.Net;
using Engagement.Media.Tests.Browser;

namespace Engagement.Media.Tests.Peers;

/// <summary>An independent WebRTC stack (aiortc: AES_CM_128_HMAC_SHA1_80, its own ICE and DTLS) publishing while Chromium watches.</summary>
[Collection(nameof(ChromiumCollection))]
public sealed class AiortcInteropTests(ChromiumFixture chromium) : IDisposable
{
    private readonly IMediaEngine _engine = MediaEngine.Start(new MediaEngineOptions { BindAddress = IPAddress.Loopback });

    [Fact]
    public async Task Chromium_decodes_what_aiortc_publishes()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var room = _engine.CreateRoom("aiortc");
        await using var publisher = AiortcPeer.Start();
        var offer = await publisher.ReadAsync("offer", timeout.Token);
        var answer = await room.JoinAsync("aiortc", (string)offer["sdp"]!);
        await publisher.SendAsync(new { type = "answer", sdp = answer });
        await publisher.ReadAsync("connected", timeout.Token);

        await using var viewer = await ChromiumPeer.OpenAsync(chromium.Browser);
        await viewer.AnswerAsync(await room.JoinAsync("viewer", await viewer.WatchAsync(1, 1)));

        await Eventually.Until(viewer.InboundAsync,
            s => s.Any(x => x.Kind == "video" && x.FramesDecoded > 10) && s.Any(x => x.Kind == "audio" && x.PacketsReceived > 50),
            "Chromium should decode aiortc's video and receive its audio");
        await publisher.SendAsync(new { type = "stats" });
        var stats = await publisher.ReadAsync("stats", timeout.Token);
        Assert.True((long)stats["packetsSent"]!["video"]! > 0);
    }

    public void Dispose() => _engine.Dispose();
}
