using MimeKit;

namespace Engagement.Email;

/// <summary>What kind of mail a parsed inbound message is, before anyone answers it.</summary>
public enum MailKind
{
    /// <summary>Written by a person: goes to the <see cref="IInboundMailHandler"/>.</summary>
    Person = 0,
    /// <summary>A delivery status notification or a mailer daemon's bounce: marks the outbound mail it names.</summary>
    Bounce = 1,
    /// <summary>Sent to the null reverse-path or to a bounce address, not by a mailer daemon: recorded, never answered.</summary>
    NullSender = 2,
    /// <summary>An auto-reply, a list or bulk mail, a read receipt: recorded, never answered.</summary>
    AutoReply = 3,
    /// <summary>Our own mail, or mail from our own domain, coming back: recorded, never answered.</summary>
    Loop = 4,
}

/// <summary>
/// The loop guards and bounce detection, read from the headers and envelope alone (RFC 3834 for auto-replies,
/// RFC 3464 for delivery status notifications). No mail that is not <see cref="MailKind.Person"/> is ever answered.
/// </summary>
public static class MailClassifier
{
    private static readonly string[] BulkPrecedences = ["bulk", "junk", "list", "auto_reply"];
    private static readonly string[] AutoReplyFlags = ["X-Autoreply", "X-Autorespond", "X-Autoresponder"];
    private static readonly string[] DaemonLocalParts = ["mailer-daemon", "postmaster"];

    /// <param name="envelopeFrom">MAIL FROM; empty for the null reverse-path.</param>
    /// <param name="envelopeTo">RCPT TO addresses.</param>
    /// <param name="ownDomain">Our domain (<see cref="EmailOptions.OwnDomain"/>).</param>
    public static (MailKind Kind, string Reason) Classify(MimeMessage message, string envelopeFrom, IReadOnlyList<string> envelopeTo, string ownDomain)
    {
        if (message.Body is MultipartReport report)
        {
            if (report.ReportType?.Equals("delivery-status", StringComparison.OrdinalIgnoreCase) == true)
                return (MailKind.Bounce, "delivery status notification");
            if (report.ReportType?.Equals("disposition-notification", StringComparison.OrdinalIgnoreCase) == true)
                return (MailKind.AutoReply, "read receipt (disposition notification)");
        }
        var from = message.From.Mailboxes.FirstOrDefault()?.Address ?? "";
        MailAddresses.TrySplit(from, out var fromLocal, out var fromDomain);
        if (DaemonLocalParts.Contains(fromLocal, StringComparer.OrdinalIgnoreCase))
            return (MailKind.Bounce, $"from {from}");

        if (AutoReplyReason(message) is { } autoReply) return (MailKind.AutoReply, autoReply);
        if (envelopeFrom.Length == 0) return (MailKind.NullSender, "sent to the null reverse-path (MAIL FROM:<>)");
        if (envelopeTo.Any(to => MailAddresses.BouncedMailIdOf(to) is not null))
            return (MailKind.NullSender, "sent to a bounce address");

        if (fromDomain.Length > 0 && fromDomain == ownDomain)
            return (MailKind.Loop, $"From {from} is in our own domain");
        if (MailAddresses.TrySplit(message.MessageId, out _, out var idDomain) && idDomain == ownDomain)
            return (MailKind.Loop, $"Message-ID <{message.MessageId}> is one of ours");
        return (MailKind.Person, "");
    }

    /// <summary>Why the headers mark the mail as automatic, or null.</summary>
    public static string? AutoReplyReason(MimeMessage message)
    {
        var headers = message.Headers;
        if (headers[HeaderId.AutoSubmitted] is { } autoSubmitted
            && !autoSubmitted.Split(';')[0].Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
            return $"Auto-Submitted: {autoSubmitted.Trim()}";
        if (headers[HeaderId.Precedence]?.Trim() is { } precedence && BulkPrecedences.Contains(precedence, StringComparer.OrdinalIgnoreCase))
            return $"Precedence: {precedence}";
        if (AutoReplyFlags.FirstOrDefault(headers.Contains) is { } flag) return $"{flag} present";
        if (headers[HeaderId.ListId] is { } listId) return $"List-Id: {listId.Trim()}";
        return null;
    }
}
