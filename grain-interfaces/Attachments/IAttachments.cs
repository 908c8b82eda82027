namespace Engagement;

/// <summary>
/// Files sent with messages: taking an upload (its type judged from its bytes, its size checked), finding one, checking
/// the files a message names, and reading their bytes. A service of every silo (not a grain: bytes stay off Orleans
/// messages); the REST edge, the hubs and the email channel use the same one. Who may upload into a transcript or read
/// from it is the caller's to check first.
/// </summary>
public interface IAttachments
{
    /// <summary>
    /// Stores an upload into <paramref name="scopeId"/> (a session or conversation) by <paramref name="uploaderId"/>.
    /// Fails with <c>too_large</c> over <see cref="Limits.AttachmentBytes"/>, <c>invalid</c> when empty, and
    /// <see cref="AttachmentRefusedException"/> for a type that is not taken.
    /// </summary>
    Task<AttachmentView> UploadAsync(string scopeId, string uploaderId, string? fileName, Stream content, CancellationToken cancellationToken = default);

    /// <summary>The file with this id, or null.</summary>
    Task<StoredAttachment?> FindAsync(string attachmentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The views of the files a message of <paramref name="uploaderId"/> in <paramref name="scopeId"/> may carry, in
    /// the order given; <c>not_found</c> for an id that is not such a file (another scope's, another uploader's, none).
    /// </summary>
    Task<AttachmentView[]> ForMessageAsync(string scopeId, string uploaderId, IReadOnlyList<string> attachmentIds, CancellationToken cancellationToken = default);

    /// <summary>The file's bytes, or null when the store no longer has them (erased).</summary>
    Task<Stream?> OpenAsync(StoredAttachment attachment, CancellationToken cancellationToken = default);
}

/// <summary>An upload whose bytes are of a type that is not taken (an executable, an unknown binary).</summary>
public sealed class AttachmentRefusedException(string contentType)
    : Exception($"file: {contentType} files are not accepted (the type is judged from the bytes).")
{
    public string ContentType { get; } = contentType;
}
