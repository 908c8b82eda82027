using System.Net;
using System.Net.Sockets;

namespace Engagement.Webhooks;

/// <summary>
/// Which IP addresses a webhook may not reach unless <see cref="WebhookOptions.AllowPrivateTargets"/> (SSRF): every
/// range that is not a public unicast address on the internet. IPv6 forms that carry an IPv4 address (v4-mapped,
/// NAT64, 6to4) are judged by the address they carry. .NET has no such table (IPAddress knows loopback and a few
/// IPv6 scopes only), hence this one.
/// </summary>
public static class TargetAddresses
{
    private sealed record Range(byte[] Prefix, int Bits, string Kind);

    private static readonly Range[] V4 =
    [
        new([0, 0, 0, 0], 8, "unspecified"),
        new([10, 0, 0, 0], 8, "private"),
        new([100, 64, 0, 0], 10, "CGNAT"),
        new([127, 0, 0, 0], 8, "loopback"),
        new([169, 254, 0, 0], 16, "link-local"),
        new([172, 16, 0, 0], 12, "private"),
        new([192, 0, 0, 0], 24, "reserved"),
        new([192, 0, 2, 0], 24, "documentation"),
        new([192, 168, 0, 0], 16, "private"),
        new([198, 18, 0, 0], 15, "benchmarking"),
        new([198, 51, 100, 0], 24, "documentation"),
        new([203, 0, 113, 0], 24, "documentation"),
        new([224, 0, 0, 0], 4, "multicast"),
        new([240, 0, 0, 0], 4, "reserved"), // with 255.255.255.255, the broadcast address
    ];

    private static readonly Range[] V6 =
    [
        new(V6Prefix(0, 0, 0, 0, 0, 0, 0, 0), 128, "unspecified"),
        new(V6Prefix(0, 0, 0, 0, 0, 0, 0, 1), 128, "loopback"),
        new(V6Prefix(0, 0, 0, 0, 0, 0, 0, 0), 96, "reserved"), // IPv4-compatible (deprecated)
        new(V6Prefix(0x64, 0xff9b, 1, 0, 0, 0, 0, 0), 48, "private"), // local-use NAT64
        new(V6Prefix(0x100, 0, 0, 0, 0, 0, 0, 0), 64, "reserved"), // discard-only
        new(V6Prefix(0x2001, 0, 0, 0, 0, 0, 0, 0), 32, "reserved"), // Teredo
        new(V6Prefix(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32, "documentation"),
        new(V6Prefix(0xfc00, 0, 0, 0, 0, 0, 0, 0), 7, "unique-local"),
        new(V6Prefix(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10, "link-local"),
        new(V6Prefix(0xfec0, 0, 0, 0, 0, 0, 0, 0), 10, "site-local"),
        new(V6Prefix(0xff00, 0, 0, 0, 0, 0, 0, 0), 8, "multicast"),
    ];

    /// <summary>Why a webhook may not reach <paramref name="address"/> ("loopback", "private", …), or null for a public unicast address.</summary>
    public static string? RefusedKind(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork) return KindIn(V4, address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return "not IP";
        if (address.IsIPv4MappedToIPv6) return RefusedKind(address.MapToIPv4());
        var bytes = address.GetAddressBytes();
        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach the IPv4 address they carry.
        if (Matches(bytes, V6Prefix(0x64, 0xff9b, 0, 0, 0, 0, 0, 0), 96)) return RefusedKind(new IPAddress(bytes.AsSpan(12, 4)));
        if (bytes[0] == 0x20 && bytes[1] == 0x02) return RefusedKind(new IPAddress(bytes.AsSpan(2, 4)));
        return KindIn(V6, bytes);
    }

    private static string? KindIn(Range[] ranges, byte[] bytes)
    {
        foreach (var range in ranges)
            if (Matches(bytes, range.Prefix, range.Bits)) return range.Kind;
        return null;
    }

    private static bool Matches(byte[] address, byte[] prefix, int bits)
    {
        var whole = bits / 8;
        for (var i = 0; i < whole; i++)
            if (address[i] != prefix[i]) return false;
        var rest = bits % 8;
        if (rest == 0) return true;
        var mask = (byte)(0xff << (8 - rest));
        return (address[whole] & mask) == (prefix[whole] & mask);
    }

    private static byte[] V6Prefix(params ushort[] groups)
    {
        var bytes = new byte[16];
        for (var i = 0; i < 8; i++) (bytes[2 * i], bytes[2 * i + 1]) = ((byte)(groups[i] >> 8), (byte)groups[i]);
        return bytes;
    }
}
