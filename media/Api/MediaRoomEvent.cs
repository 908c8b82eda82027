namespace Engagement.Media;

/// <summary>Something that changed in a room; hosts relay these to clients so they renegotiate.</summary>
public abstract record MediaRoomEvent(string RoomId, string ParticipantId);

public sealed record ParticipantJoined(string RoomId, string ParticipantId) : MediaRoomEvent(RoomId, ParticipantId);

/// <summary>ICE and DTLS completed: media can flow.</summary>
public sealed record ParticipantConnected(string RoomId, string ParticipantId) : MediaRoomEvent(RoomId, ParticipantId);

public sealed record ParticipantLeft(string RoomId, string ParticipantId, string Reason) : MediaRoomEvent(RoomId, ParticipantId);

/// <summary>A participant started sending a track others can now receive (after renegotiating).</summary>
public sealed record TrackPublished(string RoomId, string ParticipantId, MediaTrackInfo Track) : MediaRoomEvent(RoomId, ParticipantId);

public sealed record TrackUnpublished(string RoomId, string ParticipantId, MediaTrackInfo Track) : MediaRoomEvent(RoomId, ParticipantId);
