using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Engagement.Media.Stun;

/// <summary>
/// Builds a STUN message into a caller's buffer (RFC 8489 §5, §14). Attributes are appended in
/// order; MESSAGE-INTEGRITY and FINGERPRINT go last and fix up the header length as they are written.
/// </summary>
internal ref struct StunWriter
{
    private readonly Span<byte> _buffer;
    private int _length;

    public StunWriter(Span<byte> buffer, ushort type, ReadOnlySpan<byte> transactionId)
    {
        _buffer = buffer;
        BinaryPrimitives.WriteUInt16BigEndian(buffer, type);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], StunConstants.MagicCookie);
        transactionId.CopyTo(buffer[8..20]);
        _length = StunConstants.HeaderLength;
    }

    public readonly int Length => _length;

    /// <summary>Appends an attribute; padding bytes may be any value (RFC 8489 §14), zero unless given.</summary>
    public void AddAttribute(ushort type, ReadOnlySpan<byte> value, byte padding = 0)
    {
        var slot = Reserve(type, value.Length);
        value.CopyTo(slot);
        _buffer.Slice(_length - ((4 - value.Length % 4) % 4), (4 - value.Length % 4) % 4).Fill(padding);
    }

    public void AddUInt32(ushort type, uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(type, 4), value);

    public void AddUInt64(ushort type, ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Reserve(type, 8), value);

    public void AddFlag(ushort type) => Reserve(type, 0);

    /// <summary>XOR-MAPPED-ADDRESS (RFC 8489 §14.2): port and address XORed with cookie and transaction id.</summary>
    public void AddXorMappedAddress(IPEndPoint endPoint)
    {
        var v6 = endPoint.AddressFamily == AddressFamily.InterNetworkV6;
        var slot = Reserve(StunConstants.AttrXorMappedAddress, v6 ? 20 : 8);
        slot[0] = 0;
        slot[1] = (byte)(v6 ? 2 : 1);
        BinaryPrimitives.WriteUInt16BigEndian(slot[2..], (ushort)(endPoint.Port ^ (StunConstants.MagicCookie >> 16)));
        var address = slot[4..];
        endPoint.Address.TryWriteBytes(address, out _);
        Span<byte> mask = stackalloc byte[16];
        _buffer.Slice(4, 16).CopyTo(mask); // cookie followed by transaction id
        for (var i = 0; i < address.Length; i++) address[i] ^= mask[i];
    }

    public void AddMessageIntegrity(ReadOnlySpan<byte> key)
    {
        SetHeaderLength(_length + 24 - StunConstants.HeaderLength);
        var mac = Reserve(StunConstants.AttrMessageIntegrity, StunConstants.MessageIntegrityLength);
        StunIntegrity.Compute(key, _buffer[..StunConstants.HeaderLength],
            _buffer[StunConstants.HeaderLength..(_length - 24)], mac);
    }

    public void AddFingerprint()
    {
        SetHeaderLength(_length + 8 - StunConstants.HeaderLength);
        var crc = StunCrc32.Compute(_buffer[.._length]) ^ StunConstants.FingerprintXor;
        BinaryPrimitives.WriteUInt32BigEndian(Reserve(StunConstants.AttrFingerprint, 4), crc);
    }

    private Span<byte> Reserve(ushort type, int valueLength)
    {
        var padded = (valueLength + 3) & ~3;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_length..], type);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[(_length + 2)..], (ushort)valueLength);
        var value = _buffer.Slice(_length + 4, valueLength);
        _buffer.Slice(_length + 4 + valueLength, padded - valueLength).Clear();
        _length += 4 + padded;
        SetHeaderLength(_length - StunConstants.HeaderLength);
        return value;
    }

    private readonly void SetHeaderLength(int length) =>
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[2..], (ushort)length);
}
