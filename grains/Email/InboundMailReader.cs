using Engagement.Attachments;
using MimeKit;

namespace Engagement.Email;

/// <summary>Reads a stored raw message with MimeKit: whether it is a mail at all, and the <see cref="InboundMail"/> in it.</summary>
public static class InboundMailReader
{
    /// <summary>Parses the raw bytes; the reason it is malformed, or null with the message.</summary>
    public static (MimeMessage? Message, string? Problem) Parse(byte[] raw, int maxMimeDepth)
    {
        if (raw.Length == 0) return (null, "empty message");
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            message = MimeMessage.Load(new ParserOptions { MaxMimeDepth = maxMimeDepth }, stream);
        }
        catch (Exception e) when (e is FormatException or ParseException or InvalidOperationException)
        {
            return (null, $"not a MIME message: {e.Message}");
        }
        if (message.Headers.Count == 0) return (null, "no header block");
        if (message.From.Mailboxes.FirstOrDefault() is not { } from || !MailAddresses.TrySplit(from.Address, out _, out _))
            return (null, $"no sender address in From ({message.Headers[HeaderId.From]?.Trim() ?? "missing"})");
        return (message, null);
    }

    /// <summary>The mail a handler gets, from a message <see cref="Parse"/> accepted.</summary>
    public static InboundMail Read(StoredMail stored, MimeMessage message, MailThread thread)
    {
        var from = message.From.Mailboxes.First();
        var fullText = (message.TextBody ?? (message.HtmlBody is { } html ? MailHtml.ToText(html) : "")).ReplaceLineEndings("\n").Trim();
        return new InboundMail(
            stored.RawId,
            new EmailAddress(from.Address, NameOrNull(from.Name)),
            Addresses(message.To),
            Addresses(message.Cc),
            stored.EnvelopeFrom,
            stored.EnvelopeTo,
            message.Subject ?? "",
            NullIfEmpty(message.MessageId),
            NullIfEmpty(message.InReplyTo),
            message.References.ToArray(),
            message.Date == DateTimeOffset.MinValue ? null : message.Date,
            stored.ReceivedAt,
            thread,
            QuotedReply.Strip(fullText),
            fullText,
            Attachments(message));
    }

    /// <summary>Every address of the message's recipients and the envelope: where a reply token may be.</summary>
    public static IEnumerable<string> RecipientAddresses(MimeMessage message, IEnumerable<string> envelopeTo) =>
        envelopeTo.Concat(message.To.Mailboxes.Concat(message.Cc.Mailboxes).Select(m => m.Address));

    /// <summary>The Message-IDs a reply names: In-Reply-To first, then References newest first.</summary>
    public static IReadOnlyList<string> ReferencedIds(MimeMessage message) =>
        (message.InReplyTo is { Length: > 0 } inReplyTo ? [inReplyTo] : Array.Empty<string>())
            .Concat(message.References.Reverse()).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Files and inline images; the text and HTML bodies themselves are not attachments.</summary>
    private static InboundAttachment[] Attachments(MimeMessage message)
    {
        var attachments = new List<InboundAttachment>();
        foreach (var entity in message.BodyParts)
        {
            if (entity is TextPart text && !text.IsAttachment && (text.IsPlain || text.IsHtml)) continue;
            var content = new MemoryStream();
            switch (entity)
            {
                case MimePart part when part.Content is not null:
                    part.Content.DecodeTo(content);
                    break;
                case MessagePart attached when attached.Message is not null:
                    attached.Message.WriteTo(content);
                    break;
                default:
                    continue;
            }
            var bytes = content.ToArray();
            attachments.Add(new InboundAttachment(
                FileName(entity, attachments.Count + 1),
                ContentSniffer.Sniff(bytes),
                entity.ContentType.MimeType,
                bytes.LongLength,
                Inline: entity.ContentDisposition?.Disposition != ContentDisposition.Attachment && entity is not MessagePart,
                bytes));
        }
        return [.. attachments];
    }

    /// <summary>The declared name without any path, or "attachment-N" when there is none.</summary>
    private static string FileName(MimeEntity entity, int position)
    {
        var declared = entity is MimePart part ? part.FileName : entity.ContentDisposition?.FileName ?? entity.ContentType.Name;
        var name = Path.GetFileName((declared ?? "").Replace('\\', '/')).Trim();
        name = new string(name.Where(c => !char.IsControl(c)).ToArray());
        return name.Length > 0 && name is not ("." or "..") ? name : $"attachment-{position}";
    }

    private static EmailAddress[] Addresses(InternetAddressList list) =>
        [.. list.Mailboxes.Select(m => new EmailAddress(m.Address, NameOrNull(m.Name)))];

    private static string? NameOrNull(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim();

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
