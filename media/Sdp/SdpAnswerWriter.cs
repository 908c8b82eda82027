using System.Net;
using System.Text;

namespace Engagement.Media.Sdp;

/// <summary>
/// Writes the SDP answer of an ICE-lite, DTLS-passive SFU (RFC 8829 §5.3): one BUNDLE group over the
/// accepted m-lines, rtcp-mux, one host candidate (the node's UDP port), the codec chosen per m-line
/// with only the feedback both sides support, and a=ssrc/a=msid for the tracks we send.
/// </summary>
internal static class SdpAnswerWriter
{
    private static readonly string[] VideoFeedback = ["nack", "nack pli", "ccm fir", "goog-remb"];

    public static string Write(long sessionId, int version, IReadOnlyList<AnswerSection> sections,
        string iceUfrag, string icePwd, string fingerprint, IPEndPoint candidate)
    {
        var sdp = new StringBuilder();
        sdp.Append("v=0\r\n");
        sdp.Append($"o=- {sessionId} {version} IN IP4 127.0.0.1\r\n");
        sdp.Append("s=-\r\nt=0 0\r\n");
        var bundled = sections.Where(s => s.Codec is not null).Select(s => s.Offer.Mid!).ToList();
        if (bundled.Count > 0) sdp.Append("a=group:BUNDLE ").Append(string.Join(' ', bundled)).Append("\r\n");
        sdp.Append("a=ice-lite\r\n");
        sdp.Append("a=msid-semantic: WMS *\r\n");
        var first = true;
        foreach (var section in sections)
        {
            var offer = section.Offer;
            if (section.Codec is null)
            {
                sdp.Append($"m={offer.Kind} 0 {offer.Protocol} {(offer.Formats.Count > 0 ? offer.Formats[0] : "0")}\r\n");
                sdp.Append("c=IN IP4 0.0.0.0\r\n");
                if (offer.Mid is not null) sdp.Append($"a=mid:{offer.Mid}\r\n");
                sdp.Append("a=inactive\r\n");
                continue;
            }
            var codec = section.Codec;
            var family = candidate.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6" : "IP4";
            sdp.Append($"m={offer.Kind} {candidate.Port} UDP/TLS/RTP/SAVPF {codec.PayloadType}\r\n");
            sdp.Append($"c=IN {family} {candidate.Address}\r\n");
            sdp.Append($"a=mid:{offer.Mid}\r\n");
            sdp.Append($"a=ice-ufrag:{iceUfrag}\r\na=ice-pwd:{icePwd}\r\n");
            sdp.Append($"a=fingerprint:sha-256 {fingerprint}\r\n");
            sdp.Append("a=setup:passive\r\n");
            if (first)
            {
                sdp.Append($"a=candidate:1 1 udp 2130706431 {candidate.Address} {candidate.Port} typ host\r\n");
                sdp.Append("a=end-of-candidates\r\n");
                first = false;
            }
            sdp.Append($"a={section.Direction.ToSdp()}\r\n");
            sdp.Append("a=rtcp-mux\r\n");
            sdp.Append($"a=rtpmap:{codec.PayloadType} {codec.Name}/{codec.ClockRate}{(codec.Channels > 1 ? "/" + codec.Channels : "")}\r\n");
            if (codec.Parameters is not null) sdp.Append($"a=fmtp:{codec.PayloadType} {codec.Parameters}\r\n");
            if (offer.Kind == "video")
            {
                foreach (var feedback in VideoFeedback.Where(codec.Feedback.Contains))
                    sdp.Append($"a=rtcp-fb:{codec.PayloadType} {feedback}\r\n");
            }
            if (section.Sending is { } sending)
            {
                sdp.Append($"a=msid:{sending.StreamId} {sending.TrackId}\r\n");
                sdp.Append($"a=ssrc:{sending.Ssrc} cname:{sending.StreamId}\r\n");
                sdp.Append($"a=ssrc:{sending.Ssrc} msid:{sending.StreamId} {sending.TrackId}\r\n");
            }
        }
        return sdp.ToString();
    }
}
