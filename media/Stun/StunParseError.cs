namespace Engagement.Media.Stun;

/// <summary>Why a datagram was not accepted as a STUN message; every rejection names its reason.</summary>
internal enum StunParseError
{
    None,
    TooShort,
    NotStun,
    BadCookie,
    LengthMismatch,
    TruncatedAttribute,
    AttributeAfterFingerprint,
    AttributeAfterIntegrity,
    BadIntegrityLength,
    BadFingerprintLength,
    BadFingerprint,
}
