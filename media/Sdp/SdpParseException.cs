namespace Engagement.Media.Sdp;

/// <summary>An SDP that this plane cannot accept, with the line and reason.</summary>
internal sealed class SdpParseException(string message) : FormatException(message);
