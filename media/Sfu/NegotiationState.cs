namespace Engagement.Media.Sfu;

/// <summary>What a participant's last offer/answer settled, kept between renegotiations (room lock held).</summary>
internal sealed class NegotiationState
{
    public long SessionId { get; } = Random.Shared.NextInt64(1, long.MaxValue / 2);
    public int Version { get; set; }
    public string? FingerprintAlgorithm { get; set; }
    public string? Fingerprint { get; set; }
    /// <summary>Published track per mid.</summary>
    public Dictionary<string, PublishedTrack> PublishedByMid { get; } = new();
    /// <summary>Subscription per mid.</summary>
    public Dictionary<string, DownTrack> SubscribedByMid { get; } = new();
}
