namespace Engagement;

/// <summary>
/// Which file types a message may carry, by what the content sniffer (grains/Attachments/ContentSniffer.cs) finds in the bytes (docs/protocol.md,
/// Attachments): pictures, documents, archives of documents, audio and video. Executables, unknown binaries and
/// anything a browser could run (HTML and SVG are text here, and served as text) are refused.
/// </summary>
public static class AttachmentTypes
{
    private static readonly HashSet<string> Accepted = new(StringComparer.Ordinal)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp",
        "application/pdf", "text/plain", "application/rtf",
        "application/zip", "application/x-ole-storage",
        "audio/mpeg", "audio/ogg", "audio/wav", "audio/mp4", "audio/flac",
        "video/mp4", "video/webm", "video/quicktime",
    };

    /// <summary>Types shown in the page (an img), not downloaded: the pictures every browser draws safely.</summary>
    private static readonly HashSet<string> Pictures = new(StringComparer.Ordinal) { "image/png", "image/jpeg", "image/gif", "image/webp" };

    public static bool IsAccepted(string contentType) => Accepted.Contains(contentType);

    public static bool IsPicture(string contentType) => Pictures.Contains(contentType);
}
