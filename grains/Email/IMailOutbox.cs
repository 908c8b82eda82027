namespace Engagement.Email;

/// <summary>
/// The durable outbox (engagement.email_outbound): a mail enqueued is sent by some silo's sender, retried on transient
/// failures, and its state kept. Registered only when "Engagement:Email:Enabled" is true, so resolve it as optional.
/// </summary>
public interface IMailOutbox
{
    /// <summary>Stores the mail for sending once it is committed; the same <see cref="OutboundMail.Id"/> again changes nothing.</summary>
    /// <returns>The mail's status: the new one, or the one already stored under that id.</returns>
    /// <exception cref="ArgumentException">The mail is not valid (id, addresses, token, an empty body); the message says which field.</exception>
    Task<OutboundMailStatus> EnqueueAsync(OutboundMail mail, CancellationToken cancellationToken = default);

    /// <summary>The mail's status, or null when no mail has that id.</summary>
    Task<OutboundMailStatus?> GetAsync(string mailId, CancellationToken cancellationToken = default);

    /// <summary>Every mail of a conversation, oldest first.</summary>
    Task<IReadOnlyList<OutboundMailStatus>> ListAsync(string conversationId, CancellationToken cancellationToken = default);
}
