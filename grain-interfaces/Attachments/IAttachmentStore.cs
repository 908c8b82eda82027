namespace Engagement;

/// <summary>
/// Where attachment bytes live, by key. Local disk by default (<c>Attachments:Directory</c>); an S3-compatible object
/// store implements the same three calls. Every node of a cluster must reach the same store.
/// </summary>
public interface IAttachmentStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/> whole or not at all (no reader sees half a file).</summary>
    Task WriteAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>The bytes under <paramref name="key"/>, or null when there are none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes the bytes under <paramref name="key"/>; nothing happens when there are none.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}
