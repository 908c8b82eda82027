using Microsoft.Extensions.Options;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Engagement.Email;

/// <summary>
/// The listener's RCPT TO check: any local part in an accepted domain is taken (the handler maps it to a queue);
/// anything else gets "550 5.1.2", so nobody can relay through us. Any sender is taken, the null one included
/// (bounces come from it).
/// </summary>
public sealed class RecipientFilter(IOptions<EmailOptions> options) : IMailboxFilter
{
    private readonly HashSet<string> domains = new(
        options.Value.Inbound.AcceptedDomains.Select(d => d.Trim()), StringComparer.OrdinalIgnoreCase);

    public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
        Task.FromResult(true);

    public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
    {
        if (Accepts(to.Host)) return Task.FromResult(true);
        throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.MailboxUnavailable,
            $"5.1.2 <{to.AsAddress()}>: this server takes mail for its own domains only"));
    }

    public bool Accepts(string domain) => domains.Contains(domain);
}

internal static class MailboxExtensions
{
    /// <summary>user@host, or "" for the null reverse-path.</summary>
    public static string AsAddress(this IMailbox? mailbox) =>
        mailbox is null || (mailbox.User.Length == 0 && mailbox.Host.Length == 0) ? "" : $"{mailbox.User}@{mailbox.Host}";
}
