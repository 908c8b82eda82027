namespace Engagement.Media.Sdp;

/// <summary>Makes an arbitrary id safe as an SDP token (RFC 8866 §9 token-char), e.g. for msid.</summary>
internal static class SdpToken
{
    public static string Sanitize(string value)
    {
        var chars = value.Select(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '_' ? c : '_');
        var token = new string(chars.Take(64).ToArray());
        return token.Length == 0 ? "_" : token;
    }
}
