using System.Text;

namespace Engagement.Media.Tests.Bench;

/// <summary>The minimal WebRTC offer a load peer sends: BUNDLEd Opus and VP8, sendonly (publisher) or recvonly (subscriber).</summary>
internal static class BenchOffer
{
    public static string Build(string ufrag, string pwd, string fingerprint, bool publish, uint audioSsrc, uint videoSsrc)
    {
        var direction = publish ? "sendonly" : "recvonly";
        var sdp = new StringBuilder();
        sdp.Append("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n");
        sdp.Append($"a=ice-ufrag:{ufrag}\r\na=ice-pwd:{pwd}\r\na=fingerprint:sha-256 {fingerprint}\r\na=setup:actpass\r\n");
        sdp.Append($"m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na={direction}\r\na=rtcp-mux\r\n");
        sdp.Append("a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n");
        if (publish) sdp.Append($"a=ssrc:{audioSsrc} cname:bench\r\n");
        sdp.Append($"m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na={direction}\r\na=rtcp-mux\r\n");
        sdp.Append("a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\na=rtcp-fb:96 goog-remb\r\n");
        if (publish) sdp.Append($"a=ssrc:{videoSsrc} cname:bench\r\n");
        return sdp.ToString();
    }
}
