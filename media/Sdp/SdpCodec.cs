namespace Engagement.Media.Sdp;

/// <summary>One payload format of a media section: a=rtpmap, a=fmtp and a=rtcp-fb folded together.</summary>
internal sealed class SdpCodec(int payloadType)
{
    public int PayloadType { get; } = payloadType;
    public string Name { get; set; } = "";
    public int ClockRate { get; set; }
    public int Channels { get; set; } = 1;
    public string? Parameters { get; set; }
    public List<string> Feedback { get; } = [];
}
