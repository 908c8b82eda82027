using System.Buffers.Binary;

namespace Engagement.Media.Rtp;

/// <summary>
/// Writes the RTCP packets the SFU originates into a caller's buffer, each returning its length:
/// SR/RR (RFC 3550 §6.4), generic NACK and PLI (RFC 4585 §6.2.1, §6.3.1), FIR (RFC 5104 §4.3.1)
/// and REMB (draft-alvestrand-rmcat-remb §2.2).
/// </summary>
internal static class RtcpWriter
{
    public static int SenderReport(Span<byte> b, uint ssrc, ulong ntp, uint rtpTimestamp, uint packets, uint octets)
    {
        Header(b, 0, RtcpPacketType.SenderReport, 28);
        BinaryPrimitives.WriteUInt32BigEndian(b[4..], ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(b[8..], ntp);
        BinaryPrimitives.WriteUInt32BigEndian(b[16..], rtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(b[20..], packets);
        BinaryPrimitives.WriteUInt32BigEndian(b[24..], octets);
        return 28;
    }

    public static int ReceiverReport(Span<byte> b, uint ssrc, ReadOnlySpan<RtcpReportBlock> blocks)
    {
        var count = Math.Min(blocks.Length, 31);
        var length = 8 + count * RtcpReportBlock.Length;
        Header(b, count, RtcpPacketType.ReceiverReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(b[4..], ssrc);
        for (var i = 0; i < count; i++) blocks[i].Write(b[(8 + i * RtcpReportBlock.Length)..]);
        return length;
    }

    public static int PictureLossIndication(Span<byte> b, uint senderSsrc, uint mediaSsrc)
    {
        Feedback(b, RtcpPacketType.FormatPli, RtcpPacketType.PayloadFeedback, senderSsrc, mediaSsrc, 12);
        return 12;
    }

    public static int FullIntraRequest(Span<byte> b, uint senderSsrc, uint mediaSsrc, byte sequenceNumber)
    {
        Feedback(b, RtcpPacketType.FormatFir, RtcpPacketType.PayloadFeedback, senderSsrc, 0, 20);
        BinaryPrimitives.WriteUInt32BigEndian(b[12..], mediaSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(b[16..], (uint)sequenceNumber << 24);
        return 20;
    }

    /// <summary>One generic NACK item: PID plus a bitmask of the 16 following lost packets.</summary>
    public static int Nack(Span<byte> b, uint senderSsrc, uint mediaSsrc, ushort pid, ushort blp)
    {
        Feedback(b, RtcpPacketType.FormatNack, RtcpPacketType.TransportFeedback, senderSsrc, mediaSsrc, 16);
        BinaryPrimitives.WriteUInt16BigEndian(b[12..], pid);
        BinaryPrimitives.WriteUInt16BigEndian(b[14..], blp);
        return 16;
    }

    /// <summary>REMB: bitrate as 6-bit exponent and 18-bit mantissa, then the SSRCs it applies to.</summary>
    public static int Remb(Span<byte> b, uint senderSsrc, ulong bitsPerSecond, ReadOnlySpan<uint> ssrcs)
    {
        var count = Math.Min(ssrcs.Length, 255);
        var length = 20 + 4 * count;
        Feedback(b, RtcpPacketType.FormatApplication, RtcpPacketType.PayloadFeedback, senderSsrc, 0, length);
        "REMB"u8.CopyTo(b[12..]);
        var exponent = 0;
        var mantissa = bitsPerSecond;
        while (mantissa > 0x3FFFF)
        {
            mantissa >>= 1;
            exponent++;
        }
        b[16] = (byte)count;
        b[17] = (byte)((exponent << 2) | (int)(mantissa >> 16));
        BinaryPrimitives.WriteUInt16BigEndian(b[18..], (ushort)mantissa);
        for (var i = 0; i < count; i++) BinaryPrimitives.WriteUInt32BigEndian(b[(20 + 4 * i)..], ssrcs[i]);
        return length;
    }

    private static void Feedback(Span<byte> b, int format, byte type, uint senderSsrc, uint mediaSsrc, int length)
    {
        Header(b, format, type, length);
        BinaryPrimitives.WriteUInt32BigEndian(b[4..], senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(b[8..], mediaSsrc);
    }

    private static void Header(Span<byte> b, int count, byte type, int length)
    {
        b[0] = (byte)(0x80 | count);
        b[1] = type;
        BinaryPrimitives.WriteUInt16BigEndian(b[2..], (ushort)(length / 4 - 1));
    }
}
