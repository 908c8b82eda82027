using System.Buffers;
using Microsoft.Extensions.Logging;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Engagement.Email;

/// <summary>
/// The listener's DATA step: commits the raw message and its envelope to engagement.email_inbound and only then answers
/// 250, so a mail the sender saw accepted survives this silo dying the next instant. When PostgreSQL cannot take it,
/// the answer is 451 and the sender keeps the mail and tries again later (SMTP's own retry); nothing is lost either way.
/// </summary>
public sealed partial class RawMailStore(InboundStore store, EmailWakeUps wakeUps, ILogger<RawMailStore> logger) : IMessageStore
{
    public async Task<SmtpResponse> SaveAsync(
        ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var from = transaction.From.AsAddress();
        var to = transaction.To.Select(m => m.AsAddress()).ToArray();
        var remote = context.Properties.TryGetValue(EndpointListener.RemoteEndPointKey, out var endpoint) ? endpoint?.ToString() : null;
        try
        {
            var (rawId, duplicate) = await store.StoreAsync(from, to, remote, buffer.ToArray(), cancellationToken);
            LogStored(rawId, from, string.Join(", ", to), buffer.Length, duplicate);
            if (!duplicate) wakeUps.Inbound.Wake();
            return new SmtpResponse(SmtpReplyCode.Ok, $"2.0.0 Ok: queued as {rawId}");
        }
        catch (Exception e)
        {
            LogStoreFailed(from, string.Join(", ", to), e);
            return new SmtpResponse(SmtpReplyCode.Aborted, "4.3.0 The message could not be stored; please try again later");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored inbound mail {RawId} from <{From}> to {To} ({Size} bytes, resent duplicate: {Duplicate})")]
    private partial void LogStored(long rawId, string from, string to, long size, bool duplicate);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store inbound mail from <{From}> to {To}; answered 451 so the sender retries")]
    private partial void LogStoreFailed(string from, string to, Exception exception);
}
