using Engagement.Email;

namespace Engagement.Conversations;

/// <summary>
/// The conversation by email (docs/email.md): the contact's mails come in as customer messages; the team's replies
/// go out to a contact who is not on the site; a chat's transcript on the visitor's request.
/// </summary>
internal sealed partial class ConversationGrain
{
    public async Task<ConversationPost> ReceiveEmail(IncomingEmail mail)
    {
        if (!S.Exists) throw ConversationRules.NotFound(Id);
        if (mail.MessageId is { } messageId)
        {
            S.LastInboundMessageId = messageId;
            RememberMailReference(messageId);
        }
        // Someone new at the address (a first mail, or a conversation that had none): replies go there from now on.
        S.ContactEmail ??= mail.FromAddress;
        S.ContactName ??= mail.FromName;
        var from = new Caller(CallerKind.System, "email", mail.FromName ?? S.ContactName ?? mail.FromAddress);
        return await Post(from, $"mail:{mail.RawMailId}", mail.Text, mail.Attachments);
    }

    public async Task DeliverByEmail(long seq)
    {
        // An API channel's customers get the team's replies through the channel (webhooks), never by mail.
        if (!S.Exists || S.ContactEmail is null || !mail.Enabled || S.Channel == ConversationChannels.Api) return;
        var stored = await transcript.ReadAsync(Id, seq - 1, 1);
        if (stored is not [{ Kind: MessageKind.Text, SenderRole: ParticipantRole.Agent } reply]) return;
        await mail.ReplyAsync(S, Id, reply, await QueueNameAsync());
        RememberMailReference(mail.MessageIdOf(ConversationMail.ReplyMailId(Id, seq)));
        await state.WriteStateAsync();
    }

    public async Task EmailTranscript(Caller caller, string sessionId, string email)
    {
        await EnsureVisibleAsync(caller);
        if (!ConversationRules.IsContact(S, caller)) throw EngagementException.Forbidden("Only the visitor of the chat asks for its transcript.");
        if (!S.SessionIds.Contains(sessionId)) throw EngagementException.NotFound($"Session '{sessionId}'");
        var sent = S.TranscriptMails.GetValueOrDefault(sessionId);
        if (sent >= ConversationRules.TranscriptMailsPerChat)
            throw EngagementException.Conflict($"The transcript of this chat was sent {sent} times already.");
        var messages = MessageAudience.ForCustomer(await ReadWholeAsync(sessionId)); // the visitor's mail: no staff-only entry
        await mail.TranscriptAsync(S, Id, $"{Id}-t{S.SessionIds.IndexOf(sessionId)}-{sent + 1}", messages, email, await QueueNameAsync());
        S.TranscriptMails[sessionId] = sent + 1;
        S.ContactEmail ??= email;
        await SaveAsync();
    }

    private void RememberMailReference(string messageId)
    {
        if (S.MailReferences.Contains(messageId)) return;
        S.MailReferences.Add(messageId);
        if (S.MailReferences.Count > ConversationRules.MailReferences) S.MailReferences.RemoveAt(0);
    }

    /// <summary>The queue's display name (queues never await conversations).</summary>
    private async Task<string> QueueNameAsync() => (await GrainFactory.GetQueue(S.QueueId).GetDefinition())?.Name ?? S.QueueId;
}
