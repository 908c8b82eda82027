using System.Buffers.Binary;

namespace Engagement.Media.Dtls;

/// <summary>
/// The DTLS 1.0/1.2 record header (RFC 6347 §4.1): type, version, epoch, sequence number, length.
/// Used to reject garbage before it reaches the handshake, and to walk the records of a datagram.
/// </summary>
internal readonly record struct DtlsRecordHeader(byte ContentType, ushort Version, ushort Epoch, ulong SequenceNumber, int Length)
{
    public const int Size = 13;
    public const byte ChangeCipherSpec = 20, Alert = 21, Handshake = 22, ApplicationData = 23;

    public static bool TryParse(ReadOnlySpan<byte> data, out DtlsRecordHeader header)
    {
        header = default;
        if (data.Length < Size) return false;
        var type = data[0];
        if (type is < ChangeCipherSpec or > ApplicationData) return false;
        var version = BinaryPrimitives.ReadUInt16BigEndian(data[1..]);
        if (version != 0xFEFF && version != 0xFEFD) return false; // DTLS 1.0 or 1.2
        var epoch = BinaryPrimitives.ReadUInt16BigEndian(data[3..]);
        var sequence = ((ulong)BinaryPrimitives.ReadUInt16BigEndian(data[5..]) << 32) | BinaryPrimitives.ReadUInt32BigEndian(data[7..]);
        int length = BinaryPrimitives.ReadUInt16BigEndian(data[11..]);
        if (length > data.Length - Size) return false;
        header = new DtlsRecordHeader(type, version, epoch, sequence, length);
        return true;
    }

    /// <summary>True if the datagram is one or more complete DTLS records and nothing else.</summary>
    public static bool IsWellFormedDatagram(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return false;
        while (!data.IsEmpty)
        {
            if (!TryParse(data, out var header)) return false;
            data = data[(Size + header.Length)..];
        }
        return true;
    }
}
