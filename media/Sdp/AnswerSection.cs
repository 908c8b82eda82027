namespace Engagement.Media.Sdp;

/// <summary>How the answer treats one offered m-line: rejected (no codec), or the codec, direction and any track we send on it.</summary>
internal sealed record AnswerSection(SdpMedia Offer, SdpCodec? Codec, MediaDirection Direction, SendingTrack? Sending);

/// <summary>A track we send on an m-line: our SSRC and the msid (stream and track ids) the receiver sees.</summary>
internal sealed record SendingTrack(uint Ssrc, string StreamId, string TrackId);
