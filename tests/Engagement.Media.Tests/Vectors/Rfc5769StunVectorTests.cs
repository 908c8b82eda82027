using System.Net;
using System.Text;
using Engagement.Media.Stun;

namespace Engagement.Media.Tests.Vectors;

/// <summary>The sample messages of RFC 5769 §2.1–2.3, typed from the RFC text.</summary>
public class Rfc5769StunVectorTests
{
    private static readonly byte[] Password = Encoding.ASCII.GetBytes("VOkJxbRl1RmTxUk/WvJxBt");

    // §2.1 Sample Request
    private static readonly byte[] SampleRequest = Hex.Parse(@"
        00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
        80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
        00 24 00 04 6e 00 01 ff
        80 29 00 08 93 2f f9 b1 51 26 3b 36
        00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20
        00 08 00 14 9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
        80 28 00 04 e5 7a 3b cf");

    // §2.2 Sample IPv4 Response
    private static readonly byte[] SampleIpv4Response = Hex.Parse(@"
        01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
        80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
        00 20 00 08 00 01 a1 47 e1 12 a6 43
        00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7
        80 28 00 04 c0 7d 4c 96");

    // §2.3 Sample IPv6 Response
    private static readonly byte[] SampleIpv6Response = Hex.Parse(@"
        01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
        80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
        00 20 00 14 00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9
        00 08 00 14 a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75 bf e3 ed 41
        80 28 00 04 c8 fb 0b 4c");

    [Fact]
    public void Sample_request_parses_with_valid_fingerprint_and_integrity()
    {
        Assert.Equal(StunParseError.None, StunMessage.TryParse(SampleRequest, out var message));
        Assert.Equal(StunConstants.BindingRequest, message.Type);
        Assert.Equal("evtj:h6vY", Encoding.ASCII.GetString(message.Username));
        Assert.Equal(0x6e0001ffu, message.Priority);
        Assert.True(message.HasIceControlled);
        Assert.True(message.VerifyIntegrity(Password));
        Assert.False(message.VerifyIntegrity("wrong"u8));
    }

    [Fact]
    public void Ipv4_response_decodes_the_mapped_address()
    {
        Assert.Equal(StunParseError.None, StunMessage.TryParse(SampleIpv4Response, out var message));
        Assert.True(message.VerifyIntegrity(Password));
        var value = message.Raw.Slice(message.XorMappedAddressOffset, message.XorMappedAddressLength);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), StunAddress.DecodeXorMapped(value, message.TransactionId));
    }

    [Fact]
    public void Ipv6_response_decodes_the_mapped_address()
    {
        Assert.Equal(StunParseError.None, StunMessage.TryParse(SampleIpv6Response, out var message));
        Assert.True(message.VerifyIntegrity(Password));
        var value = message.Raw.Slice(message.XorMappedAddressOffset, message.XorMappedAddressLength);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853),
            StunAddress.DecodeXorMapped(value, message.TransactionId));
    }

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("2001:db8:1234:5678:11:2233:4455:6677")]
    public void Writer_reproduces_the_sample_responses_byte_for_byte(string address)
    {
        var expected = address.Contains(':') ? SampleIpv6Response : SampleIpv4Response;
        var buffer = new byte[128];
        var writer = new StunWriter(buffer, StunConstants.BindingSuccess, expected.AsSpan(8, 12));
        // The RFC pads SOFTWARE "test vector" with a space (0x20).
        writer.AddAttribute(StunConstants.AttrSoftware, "test vector"u8, padding: 0x20);
        writer.AddXorMappedAddress(new IPEndPoint(IPAddress.Parse(address), 32853));
        writer.AddMessageIntegrity(Password);
        writer.AddFingerprint();
        var written = buffer.AsSpan(0, writer.Length).ToArray();
        Assert.Equal(StunParseError.None, StunMessage.TryParse(written, out var reparsed));
        Assert.True(reparsed.VerifyIntegrity(Password));
        Assert.Equal(expected.Length, written.Length);
        Assert.Equal(expected, written);
    }

    [Fact]
    public void Corrupted_fingerprint_is_rejected()
    {
        var copy = (byte[])SampleRequest.Clone();
        copy[^1] ^= 1;
        Assert.Equal(StunParseError.BadFingerprint, StunMessage.TryParse(copy, out _));
    }
}
