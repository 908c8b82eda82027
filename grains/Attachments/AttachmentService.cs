using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Engagement.Attachments;

/// <summary>
/// <see cref="IAttachments"/> over the catalog and the store. An upload is judged by its first bytes before anything is
/// stored, then streamed into the store while its size is counted and its hash taken: a file over the limit fails
/// mid-stream and the store keeps nothing of it.
/// </summary>
public sealed class AttachmentService(AttachmentCatalog catalog, IAttachmentStore store, IOptions<AttachmentOptions> options, TimeProvider clock) : IAttachments
{
    /// <summary>Bytes read before the type is judged: every signature <see cref="ContentSniffer"/> knows, and its text sample.</summary>
    private const int SniffBytes = 8192;

    /// <summary>How much sooner than the sweep a send refuses an old upload, so that a file is never swept while its message is stored.</summary>
    private static readonly TimeSpan SendMargin = TimeSpan.FromHours(1);

    public async Task<AttachmentView> UploadAsync(string scopeId, string uploaderId, string? fileName, Stream content, CancellationToken cancellationToken = default)
    {
        var head = new byte[SniffBytes];
        var headLength = await content.ReadAtLeastAsync(head, SniffBytes, throwOnEndOfStream: false, cancellationToken);
        if (headLength == 0) throw EngagementException.Invalid("file is empty.");
        var contentType = ContentSniffer.Sniff(head.AsSpan(0, headLength));
        if (!AttachmentTypes.IsAccepted(contentType)) throw new AttachmentRefusedException(contentType);

        var id = AttachmentIds.New();
        var key = $"{id.Substring(AttachmentIds.Prefix.Length, 2)}/{id}";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var counted = new CountingStream(new ConcatenatedStream(head.AsMemory(0, headLength), content), hash, Limits.AttachmentBytes);
        await store.WriteAsync(key, counted, cancellationToken);

        var view = new AttachmentView(id, FileNames.Clean(fileName, "file"), contentType, counted.Count);
        try
        {
            await catalog.AddAsync(new StoredAttachment(view, scopeId, uploaderId, key, clock.GetUtcNow()), hash.GetHashAndReset(), cancellationToken);
        }
        catch
        {
            await store.DeleteAsync(key, CancellationToken.None);
            throw;
        }
        return view;
    }

    public async Task<StoredAttachment?> FindAsync(string attachmentId, CancellationToken cancellationToken = default) =>
        (await catalog.FindAsync([attachmentId], cancellationToken)).FirstOrDefault();

    public async Task<AttachmentView[]> ForMessageAsync(string scopeId, string uploaderId, IReadOnlyList<string> attachmentIds, CancellationToken cancellationToken = default)
    {
        var found = (await catalog.FindAsync(attachmentIds, cancellationToken)).ToDictionary(f => f.View.AttachmentId);
        var oldest = clock.GetUtcNow() - options.Value.UnsentLifetime + SendMargin;
        return attachmentIds.Select(id =>
            found.TryGetValue(id, out var file) && file.ScopeId == scopeId && file.UploaderId == uploaderId && file.CreatedAt >= oldest
                ? file.View
                : throw EngagementException.NotFound($"Attachment '{id}'")).ToArray();
    }

    public Task<Stream?> OpenAsync(StoredAttachment attachment, CancellationToken cancellationToken = default) =>
        store.OpenReadAsync(attachment.StorageKey, cancellationToken);
}
