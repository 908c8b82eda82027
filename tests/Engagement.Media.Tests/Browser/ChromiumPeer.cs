using System.Text.Json;
using Microsoft.Playwright;

namespace Engagement.Media.Tests.Browser;

/// <summary>
/// A participant in its own Chromium context, running Browser/peer.html. The page is served by
/// Playwright's request interception at http://127.0.0.1/ (a secure context, so getUserMedia works).
/// </summary>
public sealed class ChromiumPeer : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly IPage _page;

    private ChromiumPeer(IBrowserContext context, IPage page)
    {
        _context = context;
        _page = page;
    }

    public static async Task<ChromiumPeer> OpenAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var html = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Browser", "peer.html"));
        await page.RouteAsync("http://127.0.0.1/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200, ContentType = "text/html", Body = html,
        }));
        await page.GotoAsync("http://127.0.0.1/peer.html");
        return new ChromiumPeer(context, page);
    }

    public Task<string> StartAsync(int receiveAudio, int receiveVideo) =>
        _page.EvaluateAsync<string>("([a, v]) => start(a, v)", new[] { receiveAudio, receiveVideo });

    /// <summary>Receive only: no camera or microphone, just recvonly m-lines.</summary>
    public Task<string> WatchAsync(int receiveAudio, int receiveVideo) =>
        _page.EvaluateAsync<string>("([a, v]) => watch(a, v)", new[] { receiveAudio, receiveVideo });

    public Task<string> RenegotiateAsync(int addReceiveAudio = 0, int addReceiveVideo = 0) =>
        _page.EvaluateAsync<string>("([a, v]) => renegotiate(a, v)", new[] { addReceiveAudio, addReceiveVideo });

    public Task<string> RestartIceAsync() => _page.EvaluateAsync<string>("() => restartIce()");

    public Task AnswerAsync(string sdp) => _page.EvaluateAsync("sdp => answer(sdp)", sdp);

    public async Task<string> ConnectionStateAsync() =>
        (await _page.EvaluateAsync<JsonElement>("() => state()")).GetProperty("connection").GetString()!;

    public async Task<IReadOnlyList<InboundStats>> InboundAsync() =>
        JsonSerializer.Deserialize<List<InboundStats>>(await _page.EvaluateAsync<string>("() => inbound()"), JsonOptions)!;

    public async Task<IReadOnlyList<OutboundStats>> OutboundAsync() =>
        JsonSerializer.Deserialize<List<OutboundStats>>(await _page.EvaluateAsync<string>("() => outbound()"), JsonOptions)!;

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _page.EvaluateAsync("() => close()");
        }
        catch (PlaywrightException)
        {
        }
        await _context.CloseAsync();
    }
}

public sealed record InboundStats(string Kind, long Ssrc, long PacketsReceived, long PacketsLost, long FramesDecoded,
    long NackCount, long PliCount, long TotalSamplesReceived, long ConcealedSamples, long FrameWidth);

public sealed record OutboundStats(string Kind, long PacketsSent, long NackCount, long PliCount, long RetransmittedPacketsSent,
    double TargetBitrate, long FrameWidth);
