namespace Engagement.Attachments;

/// <summary>A file name as the uploader gave it, made safe to show and to put in a download header.</summary>
public static class FileNames
{
    /// <summary>The last path part, without control characters, trimmed to <see cref="Limits.AttachmentFileName"/>; <paramref name="fallback"/> when nothing is left.</summary>
    public static string Clean(string? name, string fallback)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        var clean = new string(last.Where(c => !char.IsControl(c) && c is not '"').ToArray()).Trim().Trim('.').Trim();
        if (clean.Length == 0) return fallback;
        if (clean.Length <= Limits.AttachmentFileName) return clean;
        // Keep the extension when cutting: "a very long name….pdf".
        var extension = Path.GetExtension(clean);
        if (extension.Length > 16) extension = "";
        return clean[..(Limits.AttachmentFileName - extension.Length)] + extension;
    }
}
