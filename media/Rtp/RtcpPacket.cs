using System.Buffers.Binary;

namespace Engagement.Media.Rtp;

/// <summary>One RTCP packet inside a compound packet (RFC 3550 §6.4): common header fields and its bytes.</summary>
internal readonly ref struct RtcpPacket
{
    public RtcpPacket(ReadOnlySpan<byte> bytes)
    {
        Bytes = bytes;
    }

    public ReadOnlySpan<byte> Bytes { get; }
    public int Count => Bytes[0] & 0x1F;           // report count, or FMT for feedback packets
    public byte Type => Bytes[1];
    public uint SenderSsrc => Bytes.Length >= 8 ? BinaryPrimitives.ReadUInt32BigEndian(Bytes[4..]) : 0;

    /// <summary>Media source SSRC of an RFC 4585 feedback message.</summary>
    public uint MediaSsrc => Bytes.Length >= 12 ? BinaryPrimitives.ReadUInt32BigEndian(Bytes[8..]) : 0;

    /// <summary>Feedback control information of an RFC 4585 feedback message.</summary>
    public ReadOnlySpan<byte> Fci => Bytes.Length >= 12 ? Bytes[12..] : default;

    /// <summary>Report blocks of an SR or RR, 24 bytes each, bounded by the packet's length.</summary>
    public ReadOnlySpan<byte> ReportBlocks
    {
        get
        {
            var start = Type == RtcpPacketType.SenderReport ? 28 : 8;
            if (Bytes.Length < start) return default;
            var available = (Bytes.Length - start) / 24;
            return Bytes.Slice(start, Math.Min(available, Count) * 24);
        }
    }
}
