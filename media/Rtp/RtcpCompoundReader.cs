using System.Buffers.Binary;

namespace Engagement.Media.Rtp;

/// <summary>
/// Walks a compound RTCP packet (RFC 3550 §6.1) one packet at a time, validating version and length
/// so a malformed datagram stops the walk instead of reading past its end.
/// </summary>
internal ref struct RtcpCompoundReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _offset;

    public RtcpCompoundReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _offset = 0;
        Malformed = false;
    }

    /// <summary>True once the walk stopped on a packet that did not fit the rules.</summary>
    public bool Malformed { get; private set; }

    public bool TryRead(out RtcpPacket packet)
    {
        packet = default;
        if (Malformed || _offset >= _data.Length) return false;
        var rest = _data[_offset..];
        if (rest.Length < 4 || (rest[0] >> 6) != 2)
        {
            Malformed = true;
            return false;
        }
        var length = (BinaryPrimitives.ReadUInt16BigEndian(rest[2..]) + 1) * 4;
        if (length > rest.Length || length < 8 && rest[1] != RtcpPacketType.ReceiverReport)
        {
            Malformed = true;
            return false;
        }
        packet = new RtcpPacket(rest[..length]);
        _offset += length;
        return true;
    }
}
