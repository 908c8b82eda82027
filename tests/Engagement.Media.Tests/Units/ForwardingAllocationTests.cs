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
    [InlineData((int)SrtpProfile.AeadAes128Gcm)]
    [InlineData((int)SrtpProfile.Aes128CmHmacSha1_80)]
    public async Task Packet_thread_allocates_nothing_while_forwarding(int profile)
    {
        await using var fanOut = await FanOut.StartAsync(FanOut.NewEngine(), subscribers: 3, (SrtpProfile)profile, consentChecks: false);
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
}
