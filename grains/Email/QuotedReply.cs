using System.Text.RegularExpressions;

namespace Engagement.Email;

/// <summary>
/// The new part of a reply: cuts the text at the first sign of the quoted previous message (an attribution line such
/// as "On … wrote:", "-----Original Message-----", Outlook's separator or From:/Sent: header block) or of a signature
/// ("-- " alone on a line), and drops a trailing run of "&gt;" quoted lines. Heuristics written for our own use (no .NET
/// library does this); when they would leave nothing, the whole text is kept, so nothing a person wrote is lost.
/// </summary>
public static partial class QuotedReply
{
    public static string Strip(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var end = lines.Length;
        for (var i = 0; i < lines.Length; i++)
        {
            if (StartsQuote(lines, i))
            {
                end = i;
                break;
            }
        }
        // A block of "> " lines with nothing but blank lines after it is the quoted message without an attribution.
        var last = end - 1;
        while (last >= 0 && lines[last].Trim().Length == 0) last--;
        var quoted = last;
        while (quoted >= 0 && (lines[quoted].TrimStart().StartsWith('>') || lines[quoted].Trim().Length == 0)) quoted--;
        if (quoted < last && quoted >= 0) end = quoted + 1;

        var reply = string.Join('\n', lines[..end]).Trim();
        return reply.Length > 0 ? reply : text.ReplaceLineEndings("\n").Trim();
    }

    private static bool StartsQuote(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (lines[i] is "-- " or "--") return true;
        if (OriginalMessage().IsMatch(line) || line.Length >= 20 && line.All(c => c == '_')) return true;
        if (Attribution().IsMatch(line)) return true;
        // Clients wrap a long attribution: "On Mon, 3 Feb 2025 at 10:00, Jane Doe" / "<jane@example.com> wrote:".
        if (i + 1 < lines.Length && AttributionStart().IsMatch(line) && Attribution().IsMatch(line + " " + lines[i + 1].Trim())) return true;
        // Outlook's header block: "From: …" followed within two lines by "Sent: …" or "Date: …".
        if (line.StartsWith("From:", StringComparison.OrdinalIgnoreCase))
        {
            for (var j = i + 1; j < Math.Min(lines.Length, i + 3); j++)
                if (SentLine().IsMatch(lines[j].Trim())) return true;
        }
        return false;
    }

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    // English, French, German, Spanish, Dutch attributions; ">" quoting below them is cut with them.
    [GeneratedRegex(@"^(On|Le|Am|El|Op)\s.{4,300}(wrote|a écrit|schrieb|escribió|schreef)\s?:$", RegexOptions.IgnoreCase)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^(On|Le|Am|El|Op)\s.*\d", RegexOptions.IgnoreCase)]
    private static partial Regex AttributionStart();

    [GeneratedRegex(@"^(Sent|Date|Envoyé|Gesendet|Enviado):\s", RegexOptions.IgnoreCase)]
    private static partial Regex SentLine();
}
