using System.Globalization;

namespace Engagement.Media.Sdp;

/// <summary>
/// Parses the SDP of a WebRTC offer (RFC 8866 syntax; JSEP RFC 8829 usage). Lines this plane does
/// not use are skipped; structure it relies on (v= first, m= lines, numbers, attribute values that
/// fit their grammar) is checked, and violations raise <see cref="SdpParseException"/>.
/// </summary>
internal static class SdpParser
{
    public const int MaxLength = 64 * 1024;
    public const int MaxMediaSections = 64;

    public static SessionDescription Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength) throw new SdpParseException($"SDP longer than {MaxLength} characters");
        var session = new SessionDescription();
        SdpMedia? media = null;
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0) continue;
            if (line.Length < 2 || line[1] != '=') throw new SdpParseException($"line {lineNumber}: not of the form x=value");
            if (lineNumber == 1 && line != "v=0") throw new SdpParseException("line 1: SDP must start with v=0");
            var value = line[2..];
            switch (line[0])
            {
                case 'm':
                    if (session.Media.Count >= MaxMediaSections) throw new SdpParseException("too many media sections");
                    media = ParseMediaLine(value, lineNumber);
                    session.Media.Add(media);
                    break;
                case 'a':
                    ParseAttribute(session, media, value, lineNumber);
                    break;
            }
        }
        if (lineNumber == 0 || session.Media.Count == 0) throw new SdpParseException("SDP has no media sections");
        return session;
    }

    private static SdpMedia ParseMediaLine(string value, int lineNumber)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || !int.TryParse(parts[1].Split('/')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            throw new SdpParseException($"line {lineNumber}: malformed m= line");
        return new SdpMedia { Kind = parts[0], Port = port, Protocol = parts[2], Formats = parts.Skip(3).ToList() };
    }

    private static void ParseAttribute(SessionDescription session, SdpMedia? media, string value, int lineNumber)
    {
        var colon = value.IndexOf(':');
        var name = colon < 0 ? value : value[..colon];
        var arg = colon < 0 ? "" : value[(colon + 1)..];
        switch (name)
        {
            case "group" when arg.StartsWith("BUNDLE", StringComparison.Ordinal):
                session.BundleMids.AddRange(arg.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1));
                break;
            case "ice-lite": session.IceLite = true; break;
            case "ice-ufrag": if (media is null) session.IceUfrag = Token(arg, lineNumber); else media.IceUfrag = Token(arg, lineNumber); break;
            case "ice-pwd": if (media is null) session.IcePwd = Token(arg, lineNumber); else media.IcePwd = Token(arg, lineNumber); break;
            case "fingerprint":
                var fp = arg.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fp.Length != 2) throw new SdpParseException($"line {lineNumber}: malformed a=fingerprint");
                if (media is null) { session.FingerprintAlgorithm = fp[0].ToLowerInvariant(); session.Fingerprint = fp[1]; }
                else { media.FingerprintAlgorithm = fp[0].ToLowerInvariant(); media.Fingerprint = fp[1]; }
                break;
            case "setup": if (media is null) session.Setup = arg; else media.Setup = arg; break;
        }
        if (media is null) return;
        switch (name)
        {
            case "mid": media.Mid = Token(arg, lineNumber); break;
            case "rtcp-mux": media.RtcpMux = true; break;
            case "bundle-only": media.BundleOnly = true; break;
            case "msid": media.Msid = arg; break;
            case "sendrecv" or "sendonly" or "recvonly" or "inactive": media.Direction = MediaDirectionText.Parse(name)!.Value; break;
            case "rtpmap": ParseRtpMap(media, arg, lineNumber); break;
            case "fmtp":
                var space = arg.IndexOf(' ');
                if (space > 0) media.GetOrAddCodec(PayloadType(arg[..space], lineNumber)).Parameters = arg[(space + 1)..];
                break;
            case "rtcp-fb":
                var sp = arg.IndexOf(' ');
                if (sp > 0 && arg[..sp] != "*") media.GetOrAddCodec(PayloadType(arg[..sp], lineNumber)).Feedback.Add(arg[(sp + 1)..]);
                break;
            case "ssrc":
                var ssrcText = arg.Split(' ')[0];
                if (!uint.TryParse(ssrcText, NumberStyles.None, CultureInfo.InvariantCulture, out var ssrc))
                    throw new SdpParseException($"line {lineNumber}: malformed a=ssrc");
                if (!media.Ssrcs.Contains(ssrc) && !media.RetransmissionSsrcs.Contains(ssrc)) media.Ssrcs.Add(ssrc);
                break;
            case "ssrc-group":
                var group = arg.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (group.Length == 3 && group[0] == "FID" && uint.TryParse(group[2], NumberStyles.None, CultureInfo.InvariantCulture, out var rtx))
                {
                    media.RetransmissionSsrcs.Add(rtx);
                    media.Ssrcs.Remove(rtx);
                }
                break;
        }
    }

    private static void ParseRtpMap(SdpMedia media, string arg, int lineNumber)
    {
        var space = arg.IndexOf(' ');
        if (space <= 0) throw new SdpParseException($"line {lineNumber}: malformed a=rtpmap");
        var codec = media.GetOrAddCodec(PayloadType(arg[..space], lineNumber));
        var parts = arg[(space + 1)..].Split('/');
        if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rate) || rate <= 0)
            throw new SdpParseException($"line {lineNumber}: malformed a=rtpmap");
        codec.Name = parts[0];
        codec.ClockRate = rate;
        if (parts.Length > 2 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var channels)) codec.Channels = channels;
    }

    private static int PayloadType(string text, int lineNumber) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) && pt <= 127
            ? pt
            : throw new SdpParseException($"line {lineNumber}: payload type '{text}' is not 0-127");

    /// <summary>ICE ufrag/pwd and mids are tokens: no spaces, bounded length.</summary>
    private static string Token(string text, int lineNumber) =>
        text.Length is > 0 and <= 256 && !text.Contains(' ')
            ? text
            : throw new SdpParseException($"line {lineNumber}: malformed token '{text}'");
}
