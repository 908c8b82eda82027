using System.Net;
using Engagement.Media.Srtp;

namespace Engagement.Media.Tests.Units;

public class EngineOptionsTests
{
    [Fact]
    public void Binding_to_all_interfaces_needs_an_advertised_address()
    {
        var error = Assert.Throws<ArgumentException>(() => MediaEngine.Start(new MediaEngineOptions { BindAddress = IPAddress.Any }));
        Assert.Contains("AdvertisedAddress", error.Message);
        using var engine = MediaEngine.Start(new MediaEngineOptions { BindAddress = IPAddress.Any, AdvertisedAddress = IPAddress.Loopback });
        Assert.NotEqual(0, engine.LocalEndPoint.Port);
    }

    [Fact]
    public void Outbound_contexts_carry_more_ssrcs_than_a_peer_may_create_inbound()
    {
        using var outbound = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, new byte[16], new byte[12], streamLimit: int.MaxValue);
        using var inbound = SrtpSession.Create(SrtpProfile.AeadAes128Gcm, new byte[16], new byte[12]);
        var buffer = new byte[200];
        var header = new byte[12];
        header[0] = 0x80;
        var accepted = 0;
        for (uint ssrc = 1; ssrc <= SrtpSession.MaxStreams + 10; ssrc++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), ssrc);
            var length = outbound.ProtectRtp(header, new byte[20], buffer);
            if (inbound.UnprotectRtp(buffer.AsSpan(0, length), out _) == SrtpError.None) accepted++;
        }
        Assert.Equal(SrtpSession.MaxStreams, accepted);
    }
}
