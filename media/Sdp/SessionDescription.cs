namespace Engagement.Media.Sdp;

/// <summary>A parsed offer: session-level transport attributes and the media sections.</summary>
internal sealed class SessionDescription
{
    public List<SdpMedia> Media { get; } = [];
    public List<string> BundleMids { get; } = [];
    public string? IceUfrag { get; set; }
    public string? IcePwd { get; set; }
    public string? FingerprintAlgorithm { get; set; }
    public string? Fingerprint { get; set; }
    public string? Setup { get; set; }
    public bool IceLite { get; set; }

    /// <summary>The ICE credentials in force: the session's, or the first media section's (JSEP puts them there).</summary>
    public (string Ufrag, string Pwd)? IceCredentials
    {
        get
        {
            var ufrag = IceUfrag ?? Media.FirstOrDefault(m => m.IceUfrag is not null)?.IceUfrag;
            var pwd = IcePwd ?? Media.FirstOrDefault(m => m.IcePwd is not null)?.IcePwd;
            return ufrag is null || pwd is null ? null : (ufrag, pwd);
        }
    }

    public (string Algorithm, string Value)? RemoteFingerprint
    {
        get
        {
            if (FingerprintAlgorithm is not null && Fingerprint is not null) return (FingerprintAlgorithm, Fingerprint);
            var media = Media.FirstOrDefault(m => m.Fingerprint is not null);
            return media is null ? null : (media.FingerprintAlgorithm!, media.Fingerprint!);
        }
    }
}
