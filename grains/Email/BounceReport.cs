using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Engagement.Email;

/// <summary>
/// What a bounce says: which of our mails it is about and why. The mail is found, in order of trust, by the envelope
/// recipient (our VERP bounce address carries the mail id), then by the Message-ID of the original in the report's
/// message/rfc822 or text/rfc822-headers part, its In-Reply-To/References, or a Message-ID line in its text.
/// </summary>
/// <param name="MailId">The mail id from the bounce address, if it came to one.</param>
/// <param name="MessageIds">Message-IDs (without angle brackets) the bounce names as the original.</param>
/// <param name="Failed">True when delivery failed for good (DSN action "failed", or a daemon's bounce without a report);
/// false for "delayed", "delivered", "relayed" or "expanded" notices, which change nothing.</param>
/// <param name="Diagnostic">The recipient, status and diagnostic code, for the mail's reason.</param>
public sealed partial record BounceReport(string? MailId, IReadOnlyList<string> MessageIds, bool Failed, string Diagnostic)
{
    private const int MaxDiagnosticLength = 1000;

    public static BounceReport Read(MimeMessage message, IReadOnlyList<string> envelopeTo)
    {
        var mailId = envelopeTo.Select(MailAddresses.BouncedMailIdOf).FirstOrDefault(id => id is not null);
        var ids = new List<string>();
        foreach (var part in message.BodyParts.OfType<MessagePart>())
            if (part.Message?.MessageId is { Length: > 0 } id) ids.Add(id);
        if (message.InReplyTo is { Length: > 0 } inReplyTo) ids.Add(inReplyTo);
        ids.AddRange(message.References);

        var status = message.BodyParts.OfType<MessageDeliveryStatus>().FirstOrDefault();
        var (failed, diagnostic) = status is null ? (true, TextOf(message)) : Describe(status);
        if (ids.Count == 0 && status is null)
            ids.AddRange(MessageIdLine().Matches(message.TextBody ?? "").Select(m => m.Groups[1].Value));
        if (diagnostic.Length > MaxDiagnosticLength) diagnostic = diagnostic[..MaxDiagnosticLength] + "…";
        return new BounceReport(mailId, ids.Distinct(StringComparer.Ordinal).ToArray(), failed, diagnostic);
    }

    /// <summary>Per-recipient groups of the report (the first group is about the message): failed if any recipient failed.</summary>
    private static (bool Failed, string Diagnostic) Describe(MessageDeliveryStatus status)
    {
        var failed = false;
        var lines = new List<string>();
        foreach (var group in status.StatusGroups.Skip(1).Where(g => g.Count > 0))
        {
            var action = group["Action"]?.Trim() ?? "";
            failed |= action.Equals("failed", StringComparison.OrdinalIgnoreCase);
            var line = new StringBuilder(action.Length > 0 ? action : "unknown action");
            Append(line, "for", Value(group["Final-Recipient"] ?? group["Original-Recipient"]));
            Append(line, "status", group["Status"]?.Trim());
            Append(line, "diagnostic", Value(group["Diagnostic-Code"]));
            lines.Add(line.ToString());
        }
        return (failed, lines.Count > 0 ? string.Join("; ", lines) : "delivery status notification without recipient fields");
    }

    private static void Append(StringBuilder line, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) line.Append(' ').Append(label).Append(' ').Append(value);
    }

    /// <summary>"rfc822; jane@example.com" gives "jane@example.com"; unfolded to one line.</summary>
    private static string? Value(string? field)
    {
        if (field is null) return null;
        var value = Regex.Replace(field, @"\s+", " ").Trim();
        var semicolon = value.IndexOf(';');
        return semicolon >= 0 ? value[(semicolon + 1)..].Trim() : value;
    }

    /// <summary>The first lines of a bounce that has no report: what the daemon says about the failure.</summary>
    private static string TextOf(MimeMessage message)
    {
        var text = message.TextBody ?? (message.HtmlBody is { } html ? MailHtml.ToText(html) : "");
        var said = string.Join(" ", text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(8));
        return said.Length > 0 ? said : message.Subject ?? "bounce without text";
    }

    [GeneratedRegex(@"^\s*Message-ID:\s*<([^<>\s]+@[^<>\s]+)>", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex MessageIdLine();
}
