using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Engagement.Email;

/// <summary>Whether a failed send is worth another attempt, and the reason stored on the mail.</summary>
public sealed record SmtpFailure(bool Permanent, string Reason)
{
    /// <summary>
    /// A 5xx reply is permanent (the relay refused this mail or recipient for good); a 4xx reply, a broken or refused
    /// connection, a timeout, a TLS or authentication problem (an operator can fix those) is transient.
    /// </summary>
    public static SmtpFailure Of(Exception exception) => exception switch
    {
        SmtpCommandException command => new((int)command.StatusCode >= 500,
            $"{(int)command.StatusCode} {command.Message}{(command.Mailbox is { } mailbox ? $" ({mailbox.Address})" : "")}".Trim()),
        SmtpProtocolException protocol => new(false, $"SMTP protocol error: {protocol.Message}"),
        AuthenticationException auth => new(false, $"the relay refused our credentials: {auth.Message}"),
        SslHandshakeException tls => new(false, $"TLS with the relay failed: {tls.Message}"),
        ServiceNotConnectedException or IOException or SocketException or TimeoutException or OperationCanceledException
            => new(false, $"relay unreachable: {exception.Message}"),
        _ => new(false, $"{exception.GetType().Name}: {exception.Message}"),
    };
}
