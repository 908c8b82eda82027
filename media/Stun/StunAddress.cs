using System.Buffers.Binary;
using System.Net;

namespace Engagement.Media.Stun;

/// <summary>Decodes XOR-MAPPED-ADDRESS values (RFC 8489 §14.2); used by tests and the benchmark client.</summary>
internal static class StunAddress
{
    public static IPEndPoint? DecodeXorMapped(ReadOnlySpan<byte> value, ReadOnlySpan<byte> transactionId)
    {
        if (value.Length < 8 || value[0] != 0) return null;
        var family = value[1];
        var addressLength = family switch { 1 => 4, 2 => 16, _ => 0 };
        if (addressLength == 0 || value.Length != 4 + addressLength) return null;
        var port = BinaryPrimitives.ReadUInt16BigEndian(value[2..]) ^ (int)(StunConstants.MagicCookie >> 16);
        Span<byte> mask = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunConstants.MagicCookie);
        transactionId.CopyTo(mask[4..]);
        Span<byte> address = stackalloc byte[addressLength];
        for (var i = 0; i < addressLength; i++) address[i] = (byte)(value[4 + i] ^ mask[i]);
        return new IPEndPoint(new IPAddress(address), port);
    }
}
