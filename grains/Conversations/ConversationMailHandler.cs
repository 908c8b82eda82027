using Engagement.Email;

namespace Engagement.Conversations;

/// <summary>
/// Where the email channel hands each mail from a person (docs/email.md, "What becomes of a mail"): a reply that
/// carries a conversation's token continues it; one that only references our mail continues it when it comes from
/// the conversation's contact; anything else starts a conversation in the queue it was sent to
/// (<c>{queueId}@{domain}</c>), for the contact of the sender's address. Idempotent per stored mail: the new
/// conversation's id and the message's key come from the mail's id.
/// </summary>
internal sealed class ConversationMailHandler(IGrainFactory grains, IAttachments attachments) : IInboundMailHandler
{
    public async Task<InboundMailOutcome> HandleAsync(InboundMail mail, CancellationToken cancellationToken)
    {
        if (mail.Thread.ConversationId is { } threadId && await ContinuesAsync(mail, threadId))
        {
            var contact = (await grains.GetConversation(threadId).Get(Caller.System("email"))).ContactId;
            await grains.GetConversation(threadId).ReceiveEmail(await IncomingAsync(mail, threadId, contact, cancellationToken));
            return InboundMailOutcome.Continued(threadId);
        }

        var queueId = QueueOf(mail);
        if (queueId is null || await grains.GetQueue(queueId).GetDefinition() is not { } queue)
            return InboundMailOutcome.Rejected($"No queue takes mail at {string.Join(", ", mail.EnvelopeTo)}; mail a queue at <queue id>@<our domain>.");
        var contactId = ContactIds.ForEmail(mail.From.Address);
        await grains.GetCustomer(contactId).NoteContact(mail.From.Name, mail.From.Address);

        var conversationId = Ids.Derived(ConversationIds.Prefix, "mail", mail.RawMailId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var conversation = grains.GetConversation(conversationId);
        var subject = string.IsNullOrWhiteSpace(mail.Subject) ? null : Cut(mail.Subject.Trim(), Limits.Subject);
        await conversation.Create(new NewConversation(contactId, queue.QueueId, ConversationChannels.Email, subject, mail.From.Name, mail.From.Address));
        await conversation.ReceiveEmail(await IncomingAsync(mail, conversationId, contactId, cancellationToken));
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

    /// <summary>
    /// The mail for its conversation: its files stored into the conversation as the contact's uploads (a file of a type
    /// not taken, or too large, is named in the text instead: the stored original keeps it), and its text fitted.
    /// </summary>
    private async Task<IncomingEmail> IncomingAsync(InboundMail mail, string conversationId, string contactId, CancellationToken cancellationToken)
    {
        var kept = new List<AttachmentView>();
        var left = new List<string>();
        foreach (var file in mail.Attachments.Take(Limits.AttachmentsPerMessage))
        {
            try
            {
                using var content = new MemoryStream(file.Content, writable: false);
                kept.Add(await attachments.UploadAsync(conversationId, contactId, file.FileName, content, cancellationToken));
            }
            catch (Exception e) when (e is AttachmentRefusedException or EngagementException { Code: ErrorCodes.TooLarge or ErrorCodes.Invalid })
            {
                left.Add($"[attachment not kept: {file.FileName}, {file.ContentType}, {file.Size:N0} bytes ({e.Message.TrimEnd('.')}); it is in the stored original, mail #{mail.RawMailId}]");
            }
        }
        left.AddRange(mail.Attachments.Skip(Limits.AttachmentsPerMessage)
            .Select(f => $"[attachment not kept: {f.FileName}: a message carries at most {Limits.AttachmentsPerMessage} files; it is in the stored original, mail #{mail.RawMailId}]"));
        return new IncomingEmail(mail.RawMailId, mail.From.Address, mail.From.Name, mail.MessageId, Fit(mail, left), kept.Count == 0 ? null : [.. kept]);
    }

    /// <summary>The mail's new text as one message: within the limit (the original stays stored), never empty, with the files not kept named.</summary>
    private static string Fit(InboundMail mail, IReadOnlyList<string> notKept)
    {
        var text = mail.Text.Trim();
        if (text.Length == 0) text = mail.FullText.Trim();
        if (text.Length == 0 && mail.Attachments.Count == 0) text = "(an email without text)";
        if (notKept.Count > 0) text = (text + "\n\n" + string.Join("\n", notKept)).Trim();
        const string cut = "\n…(cut here; the whole mail is kept as stored mail #{0})";
        return text.Length <= Limits.MessageText ? text : Cut(text, Limits.MessageText - cut.Length - 20) + string.Format(System.Globalization.CultureInfo.InvariantCulture, cut, mail.RawMailId);
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
