namespace Engagement.Media.Sdp;

/// <summary>One m= section of a session description (RFC 8866 §5.14) with the attributes WebRTC uses.</summary>
internal sealed class SdpMedia
{
    public string Kind { get; init; } = "";
    public int Port { get; init; }
    public string Protocol { get; init; } = "";
    public List<string> Formats { get; init; } = [];
    public string? Mid { get; set; }
    public MediaDirection Direction { get; set; } = MediaDirection.SendReceive;
    public bool RtcpMux { get; set; }
    /// <summary>a=bundle-only (RFC 8843 §6): port 0 in the offer, yet the m-line is wanted on the BUNDLE transport.</summary>
    public bool BundleOnly { get; set; }
    public string? IceUfrag { get; set; }
    public string? IcePwd { get; set; }
    public string? FingerprintAlgorithm { get; set; }
    public string? Fingerprint { get; set; }
    public string? Setup { get; set; }
    public string? Msid { get; set; }
    public List<SdpCodec> Codecs { get; } = [];
    /// <summary>a=ssrc ids in order of appearance, without those listed second in an FID (RTX) group.</summary>
    public List<uint> Ssrcs { get; } = [];
    public HashSet<uint> RetransmissionSsrcs { get; } = [];

    public bool IsRtp => Kind is "audio" or "video";

    public SdpCodec? FindCodec(string name, int clockRate) =>
        Codecs.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase) && c.ClockRate == clockRate);

    public SdpCodec GetOrAddCodec(int payloadType)
    {
        var codec = Codecs.FirstOrDefault(c => c.PayloadType == payloadType);
        if (codec is null)
        {
            codec = new SdpCodec(payloadType);
            Codecs.Add(codec);
        }
        return codec;
    }
}
