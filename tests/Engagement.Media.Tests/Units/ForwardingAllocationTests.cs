using Engagement.Media.Srtp;
using Engagement.Media.Tests.Bench;

namespace Engagement.Media.Tests.Units;

/// <summary>
/// The forwarding path (receive, SRTP unprotect, fan-out, protect, send) allocates nothing per packet.
/// Consent checks are off for the window: STUN handling (a few per peer per minute) may allocate.
/// </summary>
public sealed class ForwardingAllocationTests
{
    [Theory]
    [InlineData((int)SrtpProfile.AeadAes128Gcm, false)]
    [InlineData((int)SrtpProfile.Aes128CmHmacSha1_80, false)]
    [InlineData((int)SrtpProfile.AeadAes128Gcm, true)]
    public async Task Packet_thread_allocates_nothing_while_forwarding(int profile, bool parallel)
    {
        var engine = parallel ? FanOut.NewEngine(fanOutHelpers: 1, parallelThreshold: 2) : FanOut.NewEngine(fanOutHelpers: 0);
        await using var fanOut = await FanOut.StartAsync(engine, subscribers: 3, (SrtpProfile)profile, consentChecks: false);
        fanOut.StartSending(rateMultiplier: 10);
        var mux = fanOut.Engine!.Mux;
        await Eventually.Until(() => Task.FromResult(fanOut.Engine!.GetStats().PacketsForwarded), n => n > 600, "warm-up forwarding");
        var allocatedBefore = mux.PacketThreadAllocatedBytes;
        var forwardedBefore = fanOut.Engine!.GetStats().PacketsForwarded;
        await Eventually.Until(() => Task.FromResult(fanOut.Engine!.GetStats().PacketsForwarded), n => n > forwardedBefore + 3000, "forwarding");
        var allocated = mux.PacketThreadAllocatedBytes - allocatedBefore;
        Assert.True(fanOut.Subscribers.All(s => s.VideoPacketsReceived > 0 && s.AudioPacketsReceived > 0), "every subscriber receives");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task Parallel_fan_out_delivers_every_packet_in_order_to_every_subscriber()
    {
        await using var fanOut = await FanOut.StartAsync(FanOut.NewEngine(fanOutHelpers: 2, parallelThreshold: 4), subscribers: 9,
            SrtpProfile.AeadAes128Gcm);
        fanOut.StartSending(rateMultiplier: 5);
        await Eventually.Until(() => Task.FromResult(fanOut.PacketsSent), n => n > 2000, "publisher sending");
        fanOut.StopSending();
        var sent = fanOut.PacketsSent;
        await Eventually.Until(() => Task.FromResult(fanOut.Subscribers.Min(s => s.VideoPacketsReceived + s.AudioPacketsReceived)),
            n => n >= sent, $"every subscriber should receive all {sent} packets");
        Assert.All(fanOut.Subscribers, s => Assert.Equal(0, s.VideoOutOfSequence));
    }
}
