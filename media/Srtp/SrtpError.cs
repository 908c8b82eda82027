namespace Engagement.Media.Srtp;

/// <summary>Why an SRTP/SRTCP packet was rejected.</summary>
internal enum SrtpError
{
    None,
    Malformed,
    Replayed,
    AuthenticationFailed,
    TooManyStreams,
}
