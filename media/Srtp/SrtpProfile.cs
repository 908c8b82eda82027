namespace Engagement.Media.Srtp;

/// <summary>The DTLS-SRTP protection profiles this plane negotiates (RFC 5764 §4.1.2, RFC 7714 §14.2).</summary>
internal enum SrtpProfile
{
    Aes128CmHmacSha1_80 = 0x0001,
    AeadAes128Gcm = 0x0007,
}

internal static class SrtpProfileExtensions
{
    public static int MasterKeyLength(this SrtpProfile profile) => 16;

    public static int MasterSaltLength(this SrtpProfile profile) =>
        profile == SrtpProfile.AeadAes128Gcm ? 12 : 14;
}
