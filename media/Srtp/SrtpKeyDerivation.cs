namespace Engagement.Media.Srtp;

/// <summary>
/// The SRTP key derivation function (RFC 3711 §4.3) with key_derivation_rate 0, as DTLS-SRTP uses it:
/// session key = AES-CM(master key, IV = (master salt XOR label·2^48)·2^16). GCM profiles carry a
/// 96-bit master salt, which RFC 7714 §11 pads with zeros to the 112 bits the PRF expects.
/// </summary>
internal static class SrtpKeyDerivation
{
    public const byte RtpEncryption = 0x00;
    public const byte RtpAuthentication = 0x01;
    public const byte RtpSalt = 0x02;
    public const byte RtcpEncryption = 0x03;
    public const byte RtcpAuthentication = 0x04;
    public const byte RtcpSalt = 0x05;

    public static byte[] Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, byte label, int length)
    {
        Span<byte> iv = stackalloc byte[16];
        masterSalt[..Math.Min(14, masterSalt.Length)].CopyTo(iv);
        iv[7] ^= label;
        var output = new byte[length];
        using var prf = new AesCounterMode(masterKey);
        prf.Transform(iv, new byte[length], output);
        return output;
    }
}
