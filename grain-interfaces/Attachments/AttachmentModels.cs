namespace Engagement;

/// <summary>A file sent with a message, as clients see it: never its bytes or where it is kept (docs/protocol.md, Attachments).</summary>
/// <param name="AttachmentId">"f_" plus a random part.</param>
/// <param name="FileName">The name the uploader gave, cleaned for display.</param>
/// <param name="ContentType">What the bytes are, judged from the bytes themselves.</param>
[GenerateSerializer, Immutable, Alias("engagement.attachment-view")]
public sealed record AttachmentView(
    [property: Id(0)] string AttachmentId,
    [property: Id(1)] string FileName,
    [property: Id(2)] string ContentType,
    [property: Id(3)] long Size)
{
    /// <summary>The file as a line of a written transcript (an export, a transcript mail): its name, type and size.</summary>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"📎 {FileName} ({ContentType}, {Size:N0} bytes)");

    /// <summary>A message as lines of a written transcript: its text's lines, then a line per file.</summary>
    public static IEnumerable<string> LinesOf(ChatMessage message) =>
        (message.Text.Length == 0 ? [] : message.Text.ReplaceLineEndings("\n").Split('\n'))
            .Concat((message.Attachments ?? []).Select(file => file.Describe()));
}

/// <summary>Where to read a file for a short while: a signed URL on this server, usable without a token until it expires.</summary>
public sealed record AttachmentLink(AttachmentView Attachment, string Url, DateTimeOffset ExpiresAt);

/// <summary>A file as the catalog keeps it: its view, the transcript it was uploaded into and by whom, and its key in the store.</summary>
/// <param name="ScopeId">The session ("s_…") or conversation ("c_…") it was uploaded into; only that transcript's messages may carry it.</param>
/// <param name="UploaderId">The customer or agent who uploaded it; only they may send it.</param>
[GenerateSerializer, Immutable, Alias("engagement.stored-attachment")]
public sealed record StoredAttachment(
    [property: Id(0)] AttachmentView View,
    [property: Id(1)] string ScopeId,
    [property: Id(2)] string UploaderId,
    [property: Id(3)] string StorageKey,
    [property: Id(4)] DateTimeOffset CreatedAt);

/// <summary>Attachment ids: "f_" plus a random part.</summary>
public static class AttachmentIds
{
    public const string Prefix = "f_";
    public static string New() => Ids.New(Prefix);
}
