using System.Text.RegularExpressions;

namespace Engagement.Media.Tests.Browser;

internal static partial class SdpText
{
    public static string IceUfrag(string sdp) => UfragLine().Match(sdp).Groups[1].Value;

    [GeneratedRegex(@"a=ice-ufrag:(\S+)")]
    private static partial Regex UfragLine();
}
