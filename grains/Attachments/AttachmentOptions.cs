namespace Engagement.Attachments;

/// <summary>Attachments, bound from "Engagement:Attachments" (docs/operations.md lists the keys).</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Engagement:Attachments";

    /// <summary>
    /// Where the local-disk store keeps the bytes. Every node of a cluster must see the same directory (a shared
    /// volume), or use another <see cref="IAttachmentStore"/>. Empty: "attachments" under the process's data folder.
    /// </summary>
    public string Directory { get; set; } = "";

    /// <summary>How long an upload may wait to be sent with a message; a file no message names is then deleted.</summary>
    public TimeSpan UnsentLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary><see cref="Directory"/>, or its default.</summary>
    public string ResolvedDirectory => string.IsNullOrWhiteSpace(Directory)
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "engagement", "attachments")
        : Path.GetFullPath(Directory);
}
