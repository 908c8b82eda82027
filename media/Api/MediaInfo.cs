namespace Engagement.Media;

/// <summary>A published track: its id is unique in the room and appears as the msid track id subscribers see.</summary>
public sealed record MediaTrackInfo(string TrackId, MediaKind Kind, string ParticipantId);

public sealed record MediaParticipantInfo(string ParticipantId, bool Connected, IReadOnlyList<MediaTrackInfo> Published,
    IReadOnlyList<string> SubscribedTrackIds);

/// <summary>Node-wide packet counters (monotonic) and sizes; <paramref name="Dropped"/> is keyed by reason, as the metric's tag.</summary>
public sealed record MediaEngineStats(int Rooms, int Participants, long PacketsReceived, long RtpReceived, long RtcpReceived,
    long PacketsForwarded, long Retransmissions, IReadOnlyDictionary<string, long> Dropped);
