using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Engagement.Media.Dtls;
using Engagement.Media.Sfu;
using Engagement.Media.Srtp;

namespace Engagement.Media.Tests.Bench;

/// <summary>
/// One publisher and N subscribers of load peers in one room: the publisher sends VP8-sized video
/// (30 frames/s, 3 packets of 1,200 bytes) and Opus-sized audio (50 packets/s of 120 bytes).
/// </summary>
internal sealed class FanOut : IAsyncDisposable
{
    public const int VideoPacketsPerSecond = 90;
    public const int AudioPacketsPerSecond = 50;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _receivers = [];
    private readonly Timer _consent;
    private Thread? _sender;

    private Func<ValueTask>? _cleanup;

    private FanOut(SfuEngine? engine, BenchPeer publisher, List<BenchPeer> subscribers)
    {
        Engine = engine;
        Publisher = publisher;
        Subscribers = subscribers;
        // Consent refreshes (RFC 7675) start before the subscribers connect: setting up hundreds of
        // DTLS sessions can take longer than the SFU's consent timeout.
        _consent = new Timer(_ => { foreach (var p in Peers) p.SendCheck(); }, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    /// <summary>Our SFU when the fan-out runs through it; null for Janus.</summary>
    public SfuEngine? Engine { get; }

    /// <summary>RTP packets all subscribers have received so far.</summary>
    public long ReceivedBySubscribers => Subscribers.Sum(s => Interlocked.Read(ref s.VideoPacketsReceived) + Interlocked.Read(ref s.AudioPacketsReceived));
    public BenchPeer Publisher { get; }
    public List<BenchPeer> Subscribers { get; }
    public IEnumerable<BenchPeer> Peers
    {
        get
        {
            lock (Subscribers) return Subscribers.Prepend(Publisher).ToArray();
        }
    }

    /// <summary>Through our SFU. Without <paramref name="consentChecks"/> no STUN reaches the packet thread after setup (for allocation measurements).</summary>
    public static async Task<FanOut> StartAsync(SfuEngine engine, int subscribers, SrtpProfile profile, bool consentChecks = true)
    {
        var certificate = DtlsCertificate.Generate();
        var room = engine.CreateRoom("bench");
        var publisher = new BenchPeer(IPAddress.Loopback, certificate);
        publisher.Connect(await room.JoinAsync("publisher", publisher.Offer(publish: true)), profile);
        var fanOut = new FanOut(engine, publisher, []);
        if (!consentChecks) fanOut._consent.Change(Timeout.Infinite, Timeout.Infinite);
        for (var i = 0; i < subscribers; i++)
        {
            var peer = new BenchPeer(IPAddress.Loopback, certificate);
            peer.Connect(await room.JoinAsync($"subscriber-{i}", peer.Offer(publish: false)), profile);
            fanOut.Add(peer);
        }
        // The client's handshake can finish a moment before the SFU installs its keys.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!room.Participants.All(p => p.Connected) && DateTime.UtcNow < deadline) await Task.Delay(20);
        return Started(fanOut);
    }

    /// <summary>The same streams through Janus VideoRoom (room 1234): the publisher joins and configures, each subscriber joins its feed.</summary>
    public static async Task<FanOut> StartAsync(JanusServer janus, IPAddress peerAddress, int subscribers, SrtpProfile profile)
    {
        var certificate = DtlsCertificate.Generate();
        var client = new JanusVideoRoomClient(janus.Api);
        await client.StartAsync();
        var publisher = new BenchPeer(peerAddress, certificate);
        var handle = await client.AttachAsync();
        var (joined, answer) = await client.RequestWithJsepAsync(handle, new JsonObject
        {
            ["request"] = "joinandconfigure", ["room"] = 1234, ["ptype"] = "publisher", ["display"] = "bench", ["audio"] = true, ["video"] = true,
        }, "offer", publisher.Offer(publish: true));
        var feed = joined["plugindata"]!["data"]!["id"]!.GetValue<long>();
        publisher.Connect(answer, profile);
        var fanOut = new FanOut(null, publisher, []);
        for (var i = 0; i < subscribers; i++)
        {
            var peer = new BenchPeer(peerAddress, certificate);
            var subscriberHandle = await client.AttachAsync();
            string offer;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    (_, offer) = await client.RequestWithJsepAsync(subscriberHandle, new JsonObject
                    {
                        ["request"] = "join", ["room"] = 1234, ["ptype"] = "subscriber", ["streams"] = new JsonArray(new JsonObject { ["feed"] = feed }),
                    });
                    break;
                }
                catch (InvalidOperationException e) when (e.Message.Contains("No such feed", StringComparison.Ordinal) && attempt < 50)
                {
                    // VideoRoom offers a feed only once the publisher's PeerConnection is up on its side, which on a
                    // loaded machine can come a moment after our end of the handshake finished.
                    await Task.Delay(200);
                }
            }
            await client.MessageAsync(subscriberHandle, new JsonObject { ["request"] = "start" }, "answer", peer.Answer(offer));
            peer.Connect(offer, profile);
            fanOut.Add(peer);
        }
        fanOut._cleanup = client.DisposeAsync;
        return Started(fanOut);
    }

    private void Add(BenchPeer subscriber)
    {
        lock (Subscribers) Subscribers.Add(subscriber);
    }

    private static FanOut Started(FanOut fanOut)
    {
        foreach (var peer in fanOut.Peers) fanOut._receivers.Add(Task.Run(() => peer.ReceiveAsync(fanOut._stop.Token)));
        return fanOut;
    }



    /// <summary>Paced sending at the rates above, on its own thread, until disposed.</summary>
    public void StartSending(int rateMultiplier = 1)
    {
        _sender = new Thread(() => Send(rateMultiplier)) { IsBackground = true, Name = "bench-publisher" };
        _sender.Start();
    }

    private void Send(int rateMultiplier)
    {
        var scratch = new byte[4096];
        ushort videoSeq = 0, audioSeq = 0;
        long videoSent = 0, audioSent = 0;
        var clock = Stopwatch.StartNew();
        while (!_stop.IsCancellationRequested && !_stopSending)
        {
            var elapsed = clock.Elapsed.TotalSeconds;
            while (videoSent < elapsed * VideoPacketsPerSecond * rateMultiplier)
            {
                var frame = (uint)(videoSent / 3);
                Publisher.SendRtp(true, videoSeq++, frame * 3000, videoSent % 3 == 2, 1200, scratch);
                videoSent++;
                Interlocked.Increment(ref _packetsSent);
            }
            while (audioSent < elapsed * AudioPacketsPerSecond * rateMultiplier)
            {
                Publisher.SendRtp(false, audioSeq++, (uint)audioSent * 960, false, 120, scratch);
                audioSent++;
                Interlocked.Increment(ref _packetsSent);
            }
            Thread.Sleep(1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _consent.DisposeAsync();
        _stop.Cancel();
        _sender?.Join();
        foreach (var peer in Peers) peer.Dispose();
        await Task.WhenAll(_receivers);
        Engine?.Dispose();
        if (_cleanup is not null) await _cleanup();
    }

    public static SfuEngine NewEngine(int? fanOutHelpers = null, int parallelThreshold = 24)
    {
        var options = new MediaEngineOptions { BindAddress = IPAddress.Loopback, HandshakeThreads = 2, ParallelFanOutThreshold = parallelThreshold };
        // MEDIA_BENCH_RT=0 measures with the packet threads left at ordinary scheduling (for A/B runs).
        if (Environment.GetEnvironmentVariable("MEDIA_BENCH_RT") is { } rt) options = options with { PacketThreadRealtimePriority = int.Parse(rt, System.Globalization.CultureInfo.InvariantCulture) };
        if (fanOutHelpers is { } helpers) options = options with { FanOutHelperThreads = helpers };
        return (SfuEngine)MediaEngine.Start(options);
    }

    /// <summary>RTP packets the publisher has sent (audio + video).</summary>
    public long PacketsSent => Interlocked.Read(ref _packetsSent);
    private long _packetsSent;

    /// <summary>Stops the publisher; receivers keep running.</summary>
    public void StopSending()
    {
        _stopSending = true;
        _sender?.Join();
    }

    private volatile bool _stopSending;
}
