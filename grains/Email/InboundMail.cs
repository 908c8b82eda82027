namespace Engagement.Email;

/// <summary>
/// A mail from a person (not a bounce, an auto-reply, a loop or malformed: those never reach a handler), parsed from
/// the raw message the listener stored. Handed to <see cref="IInboundMailHandler.HandleAsync"/>.
/// </summary>
/// <param name="RawMailId">The stored raw message (engagement.email_inbound), kept whatever the outcome.</param>
/// <param name="EnvelopeFrom">MAIL FROM as given (empty for the null reverse-path, which never gets this far).</param>
/// <param name="EnvelopeTo">RCPT TO addresses (in our accepted domains): the queue address it was sent to, even when Bcc'd.</param>
/// <param name="MessageId">The Message-ID header without angle brackets; null when the mail had none.</param>
/// <param name="InReplyTo">The first Message-ID of In-Reply-To, without angle brackets.</param>
/// <param name="References">The References header's Message-IDs, oldest first.</param>
/// <param name="Date">The Date header, when there was a valid one.</param>
/// <param name="Thread">Which conversation, if any, the mail says it belongs to.</param>
/// <param name="Text">The new text of the reply: text/plain preferred, else the HTML reduced to text; the quoted previous message and the signature stripped.</param>
/// <param name="FullText">The same body before stripping (nothing of the text is lost).</param>
public sealed record InboundMail(
    long RawMailId,
    EmailAddress From,
    IReadOnlyList<EmailAddress> To,
    IReadOnlyList<EmailAddress> Cc,
    string EnvelopeFrom,
    IReadOnlyList<string> EnvelopeTo,
    string Subject,
    string? MessageId,
    string? InReplyTo,
    IReadOnlyList<string> References,
    DateTimeOffset? Date,
    DateTimeOffset ReceivedAt,
    MailThread Thread,
    string Text,
    string FullText,
    IReadOnlyList<InboundAttachment> Attachments);

/// <summary>A file in an inbound mail.</summary>
/// <param name="FileName">The name as given (path parts removed), or a name made from the part's position when it had none.</param>
/// <param name="ContentType">What the bytes are, sniffed from their content (<see cref="ContentSniffer"/>), not what the sender declared.</param>
/// <param name="DeclaredContentType">What the sender's Content-Type said, for information only.</param>
/// <param name="Inline">True for a part meant to show in the body (an inline image), false for an attachment.</param>
public sealed record InboundAttachment(
    string FileName,
    string ContentType,
    string DeclaredContentType,
    long Size,
    bool Inline,
    byte[] Content);

/// <summary>How an inbound mail was tied to a conversation.</summary>
public enum MailThreadMatch
{
    /// <summary>Nothing in it names a conversation: a new one.</summary>
    None = 0,
    /// <summary>A recipient's plus-part is a reply token we sent (the strong link).</summary>
    Token = 1,
    /// <summary>In-Reply-To or References names a Message-ID we sent, with no token (weaker: Message-IDs travel in forwards).</summary>
    Reference = 2,
    /// <summary>A recipient carries a token-shaped plus-part we never sent.</summary>
    UnknownToken = 3,
}

/// <summary>The conversation an inbound mail points at.</summary>
/// <param name="ReplyToken">The token, from a recipient's plus-part or from the outbound mail a reference matched.</param>
/// <param name="ConversationId">The conversation of the outbound mail that token or reference matched; null when none did.</param>
public sealed record MailThread(MailThreadMatch Match, string? ReplyToken, string? ConversationId)
{
    public static readonly MailThread None = new(MailThreadMatch.None, null, null);
}
