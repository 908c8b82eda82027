namespace Engagement;

/// <summary>What a call starts with; either side can add or stop video during the call.</summary>
public enum CallMedia
{
    Audio = 0,
    Video = 1,
}

/// <summary>Ringing (the other side has not answered) → Active → Ended.</summary>
public enum CallStatus
{
    Ringing = 0,
    Active = 1,
    Ended = 2,
}

/// <summary>A session participant as the call shows them.</summary>
/// <param name="Joined">Took part in the call (started it or accepted) and has not hung up.</param>
/// <param name="Connected">Their media is flowing through the node (ICE and DTLS completed).</param>
/// <param name="AudioOn">Not muted.</param>
/// <param name="VideoOn">Camera on.</param>
/// <param name="Supervising">A supervisor in the call and how (docs/protocol.md, "Agent hub: supervision"); null for the visitor and the agent.</param>
[GenerateSerializer, Immutable, Alias("engagement.call-participant")]
public sealed record CallParticipant(
    [property: Id(0)] string ParticipantId,
    [property: Id(1)] ParticipantRole Role,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] bool Joined,
    [property: Id(4)] bool Connected,
    [property: Id(5)] bool AudioOn,
    [property: Id(6)] bool VideoOn,
    [property: Id(7)] SupervisionMode? Supervising = null);

/// <summary>The audio/video call of a session (one at a time).</summary>
/// <param name="CallId">Names the media room; a new call gets a new id.</param>
/// <param name="EndReason">Why it ended: hung up, declined, session closed, …</param>
[GenerateSerializer, Immutable, Alias("engagement.call-view")]
public sealed record CallView(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string CallId,
    [property: Id(2)] CallStatus Status,
    [property: Id(3)] CallMedia Media,
    [property: Id(4)] string StartedBy,
    [property: Id(5)] DateTimeOffset StartedAt,
    [property: Id(6)] DateTimeOffset? AnsweredAt,
    [property: Id(7)] DateTimeOffset? EndedAt,
    [property: Id(8)] string? EndReason,
    [property: Id(9)] CallParticipant[] Participants,
    [property: Id(10)] long Version);

/// <summary>
/// A track appeared in or left the call's media room: clients that receive media renegotiate
/// (add a receiving transceiver for a new track, or free one), then send a new offer.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.call-track")]
public sealed record CallTrack(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string CallId,
    [property: Id(2)] string ParticipantId,
    [property: Id(3)] string TrackId,
    [property: Id(4)] CallMedia Kind,
    [property: Id(5)] bool Published);

/// <summary>Something the session's media room reported, carried into the session grain.</summary>
public enum MediaChangeKind
{
    Connected = 0,
    Left = 1,
    TrackPublished = 2,
    TrackUnpublished = 3,
}

[GenerateSerializer, Immutable, Alias("engagement.media-change")]
public sealed record MediaChange(
    [property: Id(0)] string CallId,
    [property: Id(1)] string ParticipantId,
    [property: Id(2)] MediaChangeKind Kind,
    [property: Id(3)] string? TrackId,
    [property: Id(4)] CallMedia? TrackKind,
    [property: Id(5)] string? Reason);

/// <summary>A WHIP or WHEP resource on a session's media room (RFC 9725): the answer and where to DELETE it.</summary>
[GenerateSerializer, Immutable, Alias("engagement.media-resource")]
public sealed record MediaResource(
    [property: Id(0)] string ResourceId,
    [property: Id(1)] string SdpAnswer);
