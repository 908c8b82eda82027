using System.Security.Cryptography;

namespace Engagement.Media.Stun;

/// <summary>MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 keyed with the short-term password.</summary>
internal static class StunIntegrity
{
    public static bool Matches(ReadOnlySpan<byte> key, ReadOnlySpan<byte> header, ReadOnlySpan<byte> body,
        ReadOnlySpan<byte> expected)
    {
        Span<byte> mac = stackalloc byte[20];
        Compute(key, header, body, mac);
        return CryptographicOperations.FixedTimeEquals(mac, expected);
    }

    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> header, ReadOnlySpan<byte> body,
        Span<byte> mac)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, key);
        hmac.AppendData(header);
        hmac.AppendData(body);
        hmac.GetHashAndReset(mac);
    }
}
