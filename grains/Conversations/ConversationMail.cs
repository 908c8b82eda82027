using Engagement.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Engagement.Conversations;

/// <summary>
/// The conversation's mail, written for the email channel's outbox (docs/email.md): a reply of the team to a contact
/// who is not on the site, and a chat's transcript on request. Each goes out from the queue's address with the
/// conversation's reply token, answering the contact's latest mail. Without email set up (no outbox) it sends nothing.
/// </summary>
internal sealed class ConversationMail(IServiceProvider services, IOptions<EmailOptions> options)
{
    private readonly IMailOutbox? _outbox = services.GetService<IMailOutbox>();

    public bool Enabled => _outbox is not null;

    /// <summary>The queue's own address: <c>{queueId}@{domain}</c>, where mail to the queue arrives too.</summary>
    public string QueueAddress(string queueId) => $"{queueId}@{options.Value.OwnDomain}";

    /// <summary>The Message-ID the mail <paramref name="mailId"/> goes out with.</summary>
    public string MessageIdOf(string mailId) => MailAddresses.MessageId(mailId, options.Value.OwnDomain);

    /// <summary>Queues the team's reply (idempotent by conversation and seq).</summary>
    public Task ReplyAsync(ConversationState s, string conversationId, ChatMessage reply, string queueName)
    {
        var subject = s.Subject is { Length: > 0 } known
            ? (known.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? known : "Re: " + known)
            : $"Your conversation with {queueName}";
        var said = reply.Text.Length > 0 ? reply.Text : $"({reply.Attachments?.Length ?? 0} file(s) attached)";
        var text = $"{said}\n\n— {reply.SenderName}, {queueName}\n\nReply to this email to continue the conversation.";
        return Enqueue(new OutboundMail(
            ReplyMailId(conversationId, reply.Seq), conversationId, new EmailAddress(QueueAddress(s.QueueId), queueName),
            new EmailAddress(s.ContactEmail!, s.ContactName), subject, text, null, s.LastInboundMessageId, [.. s.MailReferences], s.ReplyToken, false,
            reply.Attachments));
    }

    /// <summary>Queues a chat's transcript (automatic mail: never answered by auto-replies).</summary>
    public Task TranscriptAsync(ConversationState s, string conversationId, string mailId, IReadOnlyList<ChatMessage> messages, string to, string queueName)
    {
        var content = TranscriptEmail.Build(messages, new TranscriptNames(queueName, s.ContactName ?? "you"));
        return Enqueue(new OutboundMail(
            mailId, conversationId, new EmailAddress(QueueAddress(s.QueueId), queueName), new EmailAddress(to, s.ContactName),
            content.Subject, content.Text, content.Html, null, [], s.ReplyToken, true));
    }

    public static string ReplyMailId(string conversationId, long seq) => $"{conversationId}-{seq}";

    private Task Enqueue(OutboundMail mail) =>
        _outbox?.EnqueueAsync(mail) ?? throw EngagementException.Conflict("Email is not set up on this server (Engagement:Email, docs/email.md).");
}
