using System.Buffers.Binary;

namespace Engagement.Media.Rtp;

/// <summary>
/// The fixed RTP header, CSRC list and header extension (RFC 3550 §5.1, §5.3.1), read in place.
/// The payload (and any padding) starts at <see cref="HeaderLength"/>.
/// </summary>
internal readonly struct RtpHeader
{
    public const int FixedLength = 12;

    public bool HasPadding { get; private init; }
    public bool HasExtension { get; private init; }
    public int CsrcCount { get; private init; }
    public bool Marker { get; private init; }
    public byte PayloadType { get; private init; }
    public ushort SequenceNumber { get; private init; }
    public uint Timestamp { get; private init; }
    public uint Ssrc { get; private init; }
    public int HeaderLength { get; private init; }

    /// <summary>RFC 5761 §4 / RFC 7983: RTP and RTCP share the port; RTCP packet types 192-223 occupy the PT byte.</summary>
    public static bool IsRtcp(ReadOnlySpan<byte> packet) => packet.Length >= 2 && packet[1] >= 192 && packet[1] <= 223;

    public static bool TryParse(ReadOnlySpan<byte> packet, out RtpHeader header)
    {
        header = default;
        if (packet.Length < FixedLength || (packet[0] >> 6) != 2) return false;
        var csrcCount = packet[0] & 0x0F;
        var length = FixedLength + 4 * csrcCount;
        var hasExtension = (packet[0] & 0x10) != 0;
        if (hasExtension)
        {
            if (packet.Length < length + 4) return false;
            length += 4 + 4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]);
        }
        if (length > packet.Length) return false;
        header = new RtpHeader
        {
            HasPadding = (packet[0] & 0x20) != 0,
            HasExtension = hasExtension,
            CsrcCount = csrcCount,
            Marker = (packet[1] & 0x80) != 0,
            PayloadType = (byte)(packet[1] & 0x7F),
            SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]),
            HeaderLength = length,
        };
        return true;
    }

    /// <summary>Payload length without padding, or -1 when the padding count is impossible (RFC 3550 §5.1).</summary>
    public int PayloadLength(ReadOnlySpan<byte> plainPacket)
    {
        var length = plainPacket.Length - HeaderLength;
        if (!HasPadding) return length;
        if (length < 1) return -1;
        var padding = plainPacket[^1];
        return padding == 0 || padding > length ? -1 : length - padding;
    }
}
