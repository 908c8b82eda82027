namespace Engagement;

/// <summary>
/// A write refused because this silo is no longer a live member of its cluster: its row in the membership table
/// says Dead (declared by the others while it was frozen or cut off). Raised by the transcript store's fence; a
/// zombie silo must not append after its grains may already have been activated elsewhere. Retrying on a live
/// node works, so it is classified as <see cref="ErrorCodes.Unavailable"/>.
/// </summary>
public sealed class SiloFencedOutException(string silo, string clusterId)
    : InvalidOperationException($"Silo {silo} is no longer an active member of cluster '{clusterId}' (declared dead?); it may not write the transcript.")
{
    /// <summary>The silo refused, as "address:port@generation".</summary>
    public string Silo { get; } = silo;

    public string ClusterId { get; } = clusterId;
}
