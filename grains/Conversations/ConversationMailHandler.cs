using Engagement.Email;

namespace Engagement.Conversations;

/// <summary>
/// Where the email channel hands each mail from a person (docs/email.md, "What becomes of a mail"): a reply that
/// carries a conversation's token continues it; one that only references our mail continues it when it comes from
/// the conversation's contact; anything else starts a conversation in the queue it was sent to
/// (<c>{queueId}@{domain}</c>), for the contact of the sender's address. Idempotent per stored mail: the new
/// conversation's id and the message's key come from the mail's id.
/// </summary>
internal sealed class ConversationMailHandler(IGrainFactory grains) : IInboundMailHandler
{
    public async Task<InboundMailOutcome> HandleAsync(InboundMail mail, CancellationToken cancellationToken)
    {
        var text = Fit(mail);
        var incoming = new IncomingEmail(mail.RawMailId, mail.From.Address, mail.From.Name, mail.MessageId, text);
        if (mail.Thread.ConversationId is { } threadId && await ContinuesAsync(mail, threadId))
        {
            await grains.GetConversation(threadId).ReceiveEmail(incoming);
            return InboundMailOutcome.Continued(threadId);
        }

        var queueId = QueueOf(mail);
        if (queueId is null || await grains.GetQueue(queueId).GetDefinition() is not { } queue)
            return InboundMailOutcome.Rejected($"No queue takes mail at {string.Join(", ", mail.EnvelopeTo)}; mail a queue at <queue id>@<our domain>.");
        var contactId = ContactIds.ForEmail(mail.From.Address);
        var customer = grains.GetCustomer(contactId);
        await customer.Touch();
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["email"] = mail.From.Address };
        if (mail.From.Name is { Length: > 0 } name) attributes["name"] = Cut(name, Limits.AttributeValue);
        await customer.SetAttributes(attributes);

        var conversationId = Ids.Derived(ConversationIds.Prefix, "mail", mail.RawMailId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var conversation = grains.GetConversation(conversationId);
        var subject = string.IsNullOrWhiteSpace(mail.Subject) ? null : Cut(mail.Subject.Trim(), Limits.Subject);
        await conversation.Create(new NewConversation(contactId, queue.QueueId, ConversationChannels.Email, subject, mail.From.Name, mail.From.Address));
        await conversation.ReceiveEmail(incoming);
        return mail.Thread.Match == MailThreadMatch.UnknownToken
            ? InboundMailOutcome.UnknownToken($"Its reply token matches no conversation; started {conversationId}.", conversationId)
            : InboundMailOutcome.Started(conversationId);
    }

    /// <summary>A token is the strong link; a bare reference (Message-IDs travel in forwards) only from the conversation's contact.</summary>
    private async Task<bool> ContinuesAsync(InboundMail mail, string conversationId)
    {
        if (mail.Thread.Match == MailThreadMatch.Token) return true;
        var view = await grains.GetConversation(conversationId).Get(Caller.System("email"));
        return string.Equals(view.ContactEmail, mail.From.Address, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The queue a new mail was sent to: the local part (without a +tag) of the first recipient in our domains.</summary>
    private static string? QueueOf(InboundMail mail) =>
        mail.EnvelopeTo.Select(MailAddresses.WithoutTag)
            .Select(a => MailAddresses.TrySplit(a, out var local, out _) ? local.ToLowerInvariant() : null)
            .FirstOrDefault(Ids.IsValid);

    /// <summary>The mail's new text as one message: within the limit (the original stays stored), never empty, with its attachments named.</summary>
    private static string Fit(InboundMail mail)
    {
        var text = mail.Text.Trim();
        if (text.Length == 0) text = mail.FullText.Trim();
        if (text.Length == 0) text = "(an email without text)";
        if (mail.Attachments.Count > 0)
            text += "\n\n" + string.Join("\n", mail.Attachments.Select(a => $"[attachment: {a.FileName}, {a.ContentType}, {a.Size:N0} bytes — kept in the stored original, mail #{mail.RawMailId}]"));
        const string cut = "\n…(cut here; the whole mail is kept as stored mail #{0})";
        return text.Length <= Limits.MessageText ? text : Cut(text, Limits.MessageText - cut.Length - 20) + string.Format(System.Globalization.CultureInfo.InvariantCulture, cut, mail.RawMailId);
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
