namespace Engagement.Media;

/// <summary>An offer the media engine refuses (malformed SDP, missing ICE or DTLS parameters, unknown participant).</summary>
public sealed class MediaNegotiationException(string message, Exception? inner = null) : Exception(message, inner);
