using Engagement.Attachments;
using System.Text;
using Engagement.Email;

namespace Engagement.UnitTests.Attachments;

public class ContentSnifferTests
{
    public static TheoryData<byte[], string> Samples => new()
    {
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "image/png" },
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46], "image/jpeg" },
        { "GIF89a\x01\x00"u8.ToArray(), "image/gif" },
        { "%PDF-1.7\n%\xE2\xE3"u8.ToArray(), "application/pdf" },
        { "PK\x03\x04\x14\x00\x06\x00"u8.ToArray(), "application/zip" },
        { "MZ\x90\x00\x03\x00\x00\x00"u8.ToArray(), "application/x-msdownload" },
        { "RIFF\x24\x00\x00\x00WEBPVP8 "u8.ToArray(), "image/webp" },
        { [0, 0, 0, 0x18, .. "ftypmp42"u8.ToArray(), 0, 0, 0, 0], "video/mp4" },
        { [0, 0, 0, 0x18, .. "ftypheic"u8.ToArray(), 0, 0, 0, 0], "image/heic" },
        { Encoding.UTF8.GetBytes("Grüße aus Köln,\r\nnice to meet you\t!"), "text/plain" },
        { [0x00, 0x01, 0x02, 0x03, 0xFE], "application/octet-stream" },
        { [], "application/octet-stream" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_type_comes_from_the_bytes(byte[] content, string expected) => Assert.Equal(expected, ContentSniffer.Sniff(content));

    [Fact]
    public void Text_starting_with_BM_is_not_a_bitmap()
    {
        Assert.Equal("text/plain", ContentSniffer.Sniff(Encoding.ASCII.GetBytes("BMW service report, 3 February 2025")));
        var bitmap = new byte[64];
        "BM"u8.CopyTo(bitmap);
        bitmap[14] = 40; // BITMAPINFOHEADER
        Assert.Equal("image/bmp", ContentSniffer.Sniff(bitmap));
    }

    [Fact]
    public void A_long_text_cut_inside_a_character_is_still_text()
    {
        var text = Encoding.UTF8.GetBytes(new string('é', 5000)); // 10,000 bytes: the 8 KiB sample ends mid-way
        Assert.Equal("text/plain", ContentSniffer.Sniff(text));
    }
}
