using MailKit.Net.Smtp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Engagement.Email;

/// <summary>
/// Sends the outbox, on every silo: claims due mails (SKIP LOCKED, under a lease), sends each batch over one MailKit
/// connection to the relay, and records per mail: sent, failed for good (a 5xx, with the reply), or due again after a
/// backoff (anything transient) until <see cref="OutboxOptions.MaxAttempts"/>. Delivery is at least once: a silo that
/// dies between the relay's 250 and the write of "sent" leaves the claim to lapse, and the mail is sent again.
/// </summary>
public sealed partial class MailSender(OutboxQueue queue, IOptions<EmailOptions> options, EmailWakeUps wakeUps, IAttachments attachments, ILogger<MailSender> logger)
    : BackgroundService
{
    private readonly EmailOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await queue.ClaimAsync(settings.Outbox.BatchSize, settings.Outbox.Lease, stoppingToken);
                if (batch.Count > 0)
                {
                    await SendAsync(batch, stoppingToken);
                    continue;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogClaimFailed(e);
            }
            try
            {
                await wakeUps.Outbox.WaitAsync(settings.Outbox.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The bytes of the mail's files, from the attachment store; a file erased since it was queued is left out.</summary>
    private async Task<IReadOnlyList<(AttachmentView, byte[])>> FilesOfAsync(OutboundMail mail, CancellationToken cancellationToken)
    {
        if (mail.Attachments is not { Count: > 0 } views) return [];
        var files = new List<(AttachmentView, byte[])>();
        foreach (var view in views)
        {
            if (await attachments.FindAsync(view.AttachmentId, cancellationToken) is not { } stored) continue;
            await using var content = await attachments.OpenAsync(stored, cancellationToken);
            if (content is null) continue;
            using var bytes = new MemoryStream();
            await content.CopyToAsync(bytes, cancellationToken);
            files.Add((view, bytes.ToArray()));
        }
        return files;
    }

    private async Task SendAsync(IReadOnlyList<ClaimedMail> batch, CancellationToken stoppingToken)
    {
        using var client = new SmtpClient { Timeout = (int)settings.Smtp.Timeout.TotalMilliseconds, LocalDomain = settings.OwnDomain };
        Exception? connectFailure = null;
        foreach (var claim in batch)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                await RecordAsync(claim, q => q.ReleaseAsync(claim, CancellationToken.None));
                continue;
            }
            MimeMessage message;
            try
            {
                message = OutboundMessage.Build(claim.Mail, settings.OwnDomain, claim.CreatedAt, await FilesOfAsync(claim.Mail, stoppingToken));
            }
            catch (Exception e)
            {
                await FailedAsync(claim, new SmtpFailure(true, $"the message could not be built: {e.Message}"));
                continue;
            }
            try
            {
                // One failed connect fails the rest of the batch too, rather than waiting out a timeout per mail.
                if (connectFailure is null && !client.IsConnected) connectFailure = await ConnectAsync(client, stoppingToken);
                if (connectFailure is not null)
                {
                    await FailedAsync(claim, SmtpFailure.Of(connectFailure));
                    continue;
                }
                var reply = await client.SendAsync(message, OutboundMessage.EnvelopeSender(claim.Mail),
                    [new MailboxAddress(claim.Mail.To.Name, claim.Mail.To.Address)], stoppingToken);
                if (await RecordAsync(claim, q => q.MarkSentAsync(claim, CancellationToken.None)))
                    LogSent(claim.Mail.Id, claim.Mail.ConversationId, claim.Attempt, reply);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                await RecordAsync(claim, q => q.ReleaseAsync(claim, CancellationToken.None));
            }
            catch (Exception e)
            {
                await FailedAsync(claim, SmtpFailure.Of(e));
            }
        }
        if (client.IsConnected)
        {
            try { await client.DisconnectAsync(quit: true, CancellationToken.None); }
            catch (Exception e) { LogDisconnectFailed(e.Message); }
        }
    }

    /// <summary>Connects (and authenticates, when configured); the failure, or null.</summary>
    private async Task<Exception?> ConnectAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, settings.Smtp.Security, cancellationToken);
            if (settings.Smtp.UserName.Length > 0)
                await client.AuthenticateAsync(settings.Smtp.UserName, settings.Smtp.Password, cancellationToken);
            return null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return e;
        }
    }

    private async Task FailedAsync(ClaimedMail claim, SmtpFailure failure)
    {
        var mail = claim.Mail;
        if (failure.Permanent || claim.Attempt >= settings.Outbox.MaxAttempts)
        {
            var reason = failure.Permanent ? failure.Reason : $"gave up after {claim.Attempt} attempts; last: {failure.Reason}";
            if (await RecordAsync(claim, q => q.FailAsync(claim, reason, CancellationToken.None)))
                LogFailed(mail.Id, mail.ConversationId, reason);
            return;
        }
        var delay = RetryDelay(claim.Attempt);
        if (await RecordAsync(claim, q => q.RetryAsync(claim, delay, failure.Reason, CancellationToken.None)))
            LogRetrying(mail.Id, claim.Attempt, delay, failure.Reason);
    }

    /// <summary>RetryDelay doubled per attempt so far, capped at MaxRetryDelay.</summary>
    private TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromTicks((long)Math.Min(settings.Outbox.MaxRetryDelay.Ticks, settings.Outbox.RetryDelay.Ticks * Math.Pow(2, attempt - 1)));

    /// <summary>Writes a result; false when the claim was stale or the write failed (the lease then brings the mail back).</summary>
    private async Task<bool> RecordAsync(ClaimedMail claim, Func<OutboxQueue, Task<bool>> write)
    {
        try
        {
            if (await write(queue)) return true;
            LogStaleClaim(claim.Mail.Id, claim.Attempt);
        }
        catch (Exception e)
        {
            LogRecordFailed(claim.Mail.Id, e);
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent mail {MailId} of conversation {ConversationId} (attempt {Attempt}): {Reply}")]
    private partial void LogSent(string mailId, string conversationId, int attempt, string reply);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailId} of conversation {ConversationId} failed: {Reason}")]
    private partial void LogFailed(string mailId, string conversationId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailId} attempt {Attempt} failed, retrying in {Delay}: {Reason}")]
    private partial void LogRetrying(string mailId, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailId}: claim {Attempt} had lapsed; another silo has it now")]
    private partial void LogStaleClaim(string mailId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail {MailId}: recording its result failed; it comes back when its lease passes")]
    private partial void LogRecordFailed(string mailId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming outbound mail failed; trying again")]
    private partial void LogClaimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Leaving the relay failed: {Reason}")]
    private partial void LogDisconnectFailed(string reason);
}
