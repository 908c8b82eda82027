using Engagement.Media.Srtp;

namespace Engagement.Media.Tests.Vectors;

/// <summary>RFC 3711 Appendix B.2 (AES-CM keystream) and B.3 (key derivation), typed from the RFC text.</summary>
public class Rfc3711SrtpVectorTests
{
    private static readonly byte[] MasterKey = Hex.Parse("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] MasterSalt = Hex.Parse("0EC675AD498AFEEBB6960B3AABE6");

    [Fact]
    public void B3_cipher_key()
    {
        Assert.Equal(Hex.Parse("C61E7A93744F39EE10734AFE3FF7A087"),
            SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.RtpEncryption, 16));
    }

    [Fact]
    public void B3_cipher_salt()
    {
        Assert.Equal(Hex.Parse("30CBBC08863D8C85D49DB34A9AE1"),
            SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.RtpSalt, 14));
    }

    [Fact]
    public void B3_auth_key()
    {
        var expected = Hex.Parse(@"CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4
            8F0A0ACF3C34E2359E6CDBCEE049646C43D9327AD175578EF7227098
            6371C10C9A369AC2F94A8C5FBCDDDC256D6E919A48B610EF17C2041E47403576
            6B68642C59BBFC2F34DB60DBDFB2");
        Assert.Equal(expected, SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.RtpAuthentication, expected.Length));
    }

    [Fact]
    public void B2_aes_cm_keystream()
    {
        var sessionKey = Hex.Parse("2B7E151628AED2A6ABF7158809CF4F3C");
        var iv = Hex.Parse("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
        var keystream = new byte[16 * 3];
        using var cipher = new AesCounterMode(sessionKey);
        cipher.Transform(iv, new byte[keystream.Length], keystream);
        Assert.Equal(Hex.Parse(@"E03EAD0935C95E80E166B16DD92B4EB4
            D23513162B02D0F72A43A2FE4A5F97AB
            41E95B3BB0A2E8DD477901E4FCA894C0"), keystream);
    }
}
