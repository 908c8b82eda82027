using System.Text;

namespace Engagement.Media.Tests.Bench;

/// <summary>The minimal WebRTC offer a load peer sends: BUNDLEd Opus and VP8, sendonly (publisher) or recvonly (subscriber).</summary>
internal static class BenchOffer
{
    public static string Build(string ufrag, string pwd, string fingerprint, bool publish, uint audioSsrc, uint videoSsrc, System.Net.IPEndPoint local)
    {
        var candidate = $"a=candidate:1 1 udp 2130706431 {local.Address} {local.Port} typ host\r\na=end-of-candidates\r\n";
        var direction = publish ? "sendonly" : "recvonly";
        var sdp = new StringBuilder();
        sdp.Append("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n");
        sdp.Append($"a=ice-ufrag:{ufrag}\r\na=ice-pwd:{pwd}\r\na=fingerprint:sha-256 {fingerprint}\r\na=setup:actpass\r\n");
        sdp.Append($"m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na={direction}\r\na=rtcp-mux\r\n");
        sdp.Append("a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n");
        if (publish) sdp.Append($"a=ssrc:{audioSsrc} cname:bench\r\n");
        sdp.Append(candidate);
        sdp.Append($"m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na={direction}\r\na=rtcp-mux\r\n");
        sdp.Append("a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\na=rtcp-fb:96 goog-remb\r\n");
        if (publish) sdp.Append($"a=ssrc:{videoSsrc} cname:bench\r\n");
        return sdp.ToString();
    }

    /// <summary>The first "typ host" UDP candidate of a description.</summary>
    public static System.Net.IPEndPoint FirstHostCandidate(string sdp)
    {
        foreach (var line in sdp.Split('\n'))
        {
            var parts = line.TrimEnd('\r').Split(' ');
            if (parts.Length >= 8 && parts[0].StartsWith("a=candidate:", StringComparison.Ordinal) &&
                parts[2].Equals("udp", StringComparison.OrdinalIgnoreCase) && parts[7] == "host" &&
                System.Net.IPAddress.TryParse(parts[4], out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                return new System.Net.IPEndPoint(address, int.Parse(parts[5], System.Globalization.CultureInfo.InvariantCulture));
        }
        throw new InvalidOperationException("remote description has no IPv4 host candidate");
    }

    /// <summary>A recvonly answer to an SFU's offer: every audio/video m-line with its Opus or VP8 payload type, DTLS client.</summary>
    public static string Answer(string offer, string ufrag, string pwd, string fingerprint, System.Net.IPEndPoint local)
    {
        var description = Engagement.Media.Sdp.SdpParser.Parse(offer);
        var sdp = new StringBuilder();
        sdp.Append("v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        var mids = description.Media.Where(m => m.IsRtp && m.Port != 0).Select(m => m.Mid).ToList();
        sdp.Append("a=group:BUNDLE ").Append(string.Join(' ', mids)).Append("\r\n");
        foreach (var media in description.Media)
        {
            var codec = media.Kind == "audio" ? media.FindCodec("opus", 48000) : media.FindCodec("VP8", 90000);
            if (!media.IsRtp || media.Port == 0 || codec is null)
            {
                sdp.Append($"m={media.Kind} 0 {media.Protocol} {media.Formats.FirstOrDefault() ?? "0"}\r\n");
                if (media.Mid is not null) sdp.Append($"a=mid:{media.Mid}\r\n");
                continue;
            }
            sdp.Append($"m={media.Kind} {local.Port} UDP/TLS/RTP/SAVPF {codec.PayloadType}\r\nc=IN IP4 {local.Address}\r\n");
            sdp.Append($"a=mid:{media.Mid}\r\na=recvonly\r\na=rtcp-mux\r\n");
            sdp.Append($"a=ice-ufrag:{ufrag}\r\na=ice-pwd:{pwd}\r\na=fingerprint:sha-256 {fingerprint}\r\na=setup:active\r\n");
            sdp.Append($"a=rtpmap:{codec.PayloadType} {codec.Name}/{codec.ClockRate}{(codec.Channels > 1 ? "/" + codec.Channels : "")}\r\n");
            sdp.Append($"a=candidate:1 1 udp 2130706431 {local.Address} {local.Port} typ host\r\n");
        }
        return sdp.ToString();
    }
}
