using System.Text;

namespace Engagement.Attachments;

/// <summary>
/// What a file is, from its first bytes (magic numbers), never from its name or declared type: an attachment named
/// photo.jpg that is a Windows executable is application/x-msdownload here. A short table of our own: the sniffing
/// libraries on NuGet are either unmaintained or bind libmagic, and this is all the channel needs. Unknown binary
/// content is application/octet-stream; content that decodes as UTF-8 text without control characters is text/plain.
/// </summary>
public static class ContentSniffer
{
    public const string OctetStream = "application/octet-stream";

    private static readonly (byte[] Magic, int Offset, string Type)[] Signatures =
    [
        ("%PDF-"u8.ToArray(), 0, "application/pdf"),
        ([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], 0, "image/png"),
        ([0xFF, 0xD8, 0xFF], 0, "image/jpeg"),
        ("GIF87a"u8.ToArray(), 0, "image/gif"),
        ("GIF89a"u8.ToArray(), 0, "image/gif"),
        ([(byte)'I', (byte)'I', 0x2A, 0x00], 0, "image/tiff"),
        ([(byte)'M', (byte)'M', 0x00, 0x2A], 0, "image/tiff"),
        ([0x00, 0x00, 0x01, 0x00], 0, "image/x-icon"),
        ("PK\x03\x04"u8.ToArray(), 0, "application/zip"),
        ([0x1F, 0x8B], 0, "application/gzip"),
        ([(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C], 0, "application/x-7z-compressed"),
        ("Rar!\x1A\x07"u8.ToArray(), 0, "application/vnd.rar"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], 0, "application/x-ole-storage"),
        ("MZ"u8.ToArray(), 0, "application/x-msdownload"),
        ([0x7F, (byte)'E', (byte)'L', (byte)'F'], 0, "application/x-elf"),
        ("ID3"u8.ToArray(), 0, "audio/mpeg"),
        ("OggS"u8.ToArray(), 0, "audio/ogg"),
        ("fLaC"u8.ToArray(), 0, "audio/flac"),
        ([0x1A, 0x45, 0xDF, 0xA3], 0, "video/webm"),
        ("{\\rtf"u8.ToArray(), 0, "application/rtf"),
    ];

    /// <summary>The content type of <paramref name="content"/>, judged from its bytes alone.</summary>
    public static string Sniff(ReadOnlySpan<byte> content)
    {
        foreach (var (magic, offset, type) in Signatures)
        {
            if (content.Length >= offset + magic.Length && content.Slice(offset, magic.Length).SequenceEqual(magic))
                return type;
        }
        // "BM" alone starts plenty of text; a bitmap also has a known DIB header size at offset 14.
        if (content.Length >= 26 && content[..2].SequenceEqual("BM"u8) && System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(content.Slice(14, 4)) is 12 or 40 or 52 or 56 or 108 or 124)
            return "image/bmp";
        if (content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8))
        {
            var kind = content.Slice(8, 4);
            if (kind.SequenceEqual("WEBP"u8)) return "image/webp";
            if (kind.SequenceEqual("WAVE"u8)) return "audio/wav";
            if (kind.SequenceEqual("AVI "u8)) return "video/x-msvideo";
        }
        // ISO base media: "....ftyp" then the brand.
        if (content.Length >= 12 && content.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(content.Slice(8, 4));
            return brand switch
            {
                "heic" or "heix" or "mif1" or "msf1" => "image/heic",
                "avif" => "image/avif",
                "qt  " => "video/quicktime",
                "M4A " => "audio/mp4",
                _ => "video/mp4",
            };
        }
        return LooksLikeText(content) ? "text/plain" : OctetStream;
    }

    /// <summary>Valid UTF-8 (a byte-order mark allowed) with no control characters but tab, line feed, carriage return and form feed.</summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty) return false;
        var sample = content[..Math.Min(content.Length, 8192)];
        // A multi-byte character cut at the sample's end is not a reason to call it binary.
        var cut = sample.Length < content.Length ? Math.Min(3, sample.Length) : 0;
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(sample[..TrimmedLength(sample, cut)]);
            return text.All(c => !char.IsControl(c) || c is '\t' or '\n' or '\r' or '\f');
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The sample's length without a trailing partial UTF-8 sequence (at most <paramref name="cut"/> bytes).</summary>
    private static int TrimmedLength(ReadOnlySpan<byte> sample, int cut)
    {
        for (var back = 1; back <= cut; back++)
        {
            var b = sample[^back];
            if ((b & 0xC0) == 0x80) continue;          // continuation byte: keep looking for the lead
            if ((b & 0x80) == 0) return sample.Length;  // ASCII: nothing cut
            var need = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
            return need > back ? sample.Length - back : sample.Length;
        }
        return sample.Length;
    }
}
