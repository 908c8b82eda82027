using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Email;

/// <summary>
/// Processes stored inbound mail, on every silo: claims rows (SKIP LOCKED, under a lease), parses and classifies each
/// (<see cref="InboundMailReader"/>, <see cref="MailClassifier"/>), marks bounced outbound mail, and hands mail from
/// people to the <see cref="IInboundMailHandler"/>; the outcome goes on the row. A handler that throws leaves the mail
/// pending, due again after a backoff, with the error on the row. Without a handler nothing is claimed: mail waits.
/// </summary>
public sealed partial class InboundMailProcessor(
    InboundStore store, SentMail sent, RecipientFilter recipients, IOptions<EmailOptions> options, EmailWakeUps wakeUps,
    IServiceProvider services, ILogger<InboundMailProcessor> logger) : BackgroundService
{
    private const int MaxErrorLength = 4000;
    private readonly EmailOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (services.GetService<IInboundMailHandler>() is not { } handler)
        {
            LogNoHandler();
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await store.ClaimAsync(settings.Inbound.BatchSize, settings.Inbound.Lease, stoppingToken);
                await ProcessBatchAsync(batch, handler, stoppingToken);
                if (batch.Count > 0) continue;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogClaimFailed(e);
            }
            try
            {
                await wakeUps.Inbound.WaitAsync(settings.Inbound.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Handles a batch with up to <see cref="InboundOptions.Concurrency"/> mails at once (the handler's time is mostly
    /// waiting on grains and the database), keeping each sender's mails in order: a reply never overtakes the mail
    /// before it in its conversation.
    /// </summary>
    private Task ProcessBatchAsync(IReadOnlyList<StoredMail> batch, IInboundMailHandler handler, CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(
            batch.GroupBy(claim => claim.EnvelopeFrom.ToLowerInvariant()),
            new ParallelOptions { MaxDegreeOfParallelism = settings.Inbound.Concurrency }, // not cancelled: ProcessAsync releases what it cannot finish
            async (sender, _) =>
            {
                foreach (var claim in sender) await ProcessAsync(claim, handler, stoppingToken);
            });

    private async Task ProcessAsync(StoredMail claim, IInboundMailHandler handler, CancellationToken stoppingToken)
    {
        if (stoppingToken.IsCancellationRequested)
        {
            await store.ReleaseAsync(claim, CancellationToken.None);
            return;
        }
        try
        {
            var (disposition, result, conversationId, detail) = await DecideAsync(claim, handler, stoppingToken);
            if (await store.CompleteAsync(claim, disposition, result, conversationId, detail, CancellationToken.None))
                LogProcessed(claim.RawId, claim.EnvelopeFrom, disposition, result, conversationId, detail);
            else
                LogStaleClaim(claim.RawId, claim.Attempt);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await store.ReleaseAsync(claim, CancellationToken.None);
        }
        catch (Exception e)
        {
            var delay = TimeSpan.FromTicks((long)Math.Min(settings.Inbound.MaxRetryDelay.Ticks,
                settings.Inbound.RetryDelay.Ticks * Math.Pow(2, claim.Attempt - 1)));
            var error = e.ToString();
            LogHandlerFailed(claim.RawId, claim.Attempt, delay, e);
            await store.RetryAsync(claim, delay, error.Length > MaxErrorLength ? error[..MaxErrorLength] : error, CancellationToken.None);
        }
    }

    private async Task<(InboundDisposition, string Result, string? ConversationId, string? Detail)> DecideAsync(
        StoredMail claim, IInboundMailHandler handler, CancellationToken cancellationToken)
    {
        var (message, problem) = InboundMailReader.Parse(claim.Raw, settings.Inbound.MaxMimeDepth);
        if (message is null) return (InboundDisposition.Malformed, "malformed", null, problem);

        var (kind, reason) = MailClassifier.Classify(message, claim.EnvelopeFrom, claim.EnvelopeTo, settings.OwnDomain);
        switch (kind)
        {
            case MailKind.Bounce:
                var bounce = BounceReport.Read(message, claim.EnvelopeTo);
                if (!bounce.Failed) return (InboundDisposition.Bounce, "delivery-notice", null, bounce.Diagnostic);
                var marked = await sent.MarkBouncedAsync(bounce, cancellationToken);
                return marked.Count > 0
                    ? (InboundDisposition.Bounce, "bounced", null, $"{string.Join(", ", marked)}: {bounce.Diagnostic}")
                    : (InboundDisposition.Bounce, "bounce-unmatched", null, $"names no mail we sent ({reason}): {bounce.Diagnostic}");
            case MailKind.NullSender:
                return (InboundDisposition.Bounce, "null-sender", null, reason);
            case MailKind.AutoReply:
                return (InboundDisposition.Ignored, "auto-reply", null, reason);
            case MailKind.Loop:
                return (InboundDisposition.Ignored, "loop", null, reason);
        }

        var thread = await sent.FindThreadAsync(InboundMailReader.RecipientAddresses(message, claim.EnvelopeTo),
            InboundMailReader.ReferencedIds(message), domain => domain == settings.OwnDomain || recipients.Accepts(domain), cancellationToken);
        var mail = InboundMailReader.Read(claim, message, thread);
        var outcome = await handler.HandleAsync(mail, cancellationToken);
        return (InboundDisposition.Handled, outcome.Result.ToString(), outcome.ConversationId, outcome.Detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Inbound mail is stored but not processed: no IInboundMailHandler is registered. It waits in engagement.email_inbound until one is.")]
    private partial void LogNoHandler();

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound mail {RawId} from <{From}>: {Disposition} {Result} {ConversationId} {Detail}")]
    private partial void LogProcessed(long rawId, string from, InboundDisposition disposition, string result, string? conversationId, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound mail {RawId} attempt {Attempt} failed; kept and retried in {Delay}")]
    private partial void LogHandlerFailed(long rawId, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound mail {RawId}: claim {Attempt} had lapsed; another silo has it now")]
    private partial void LogStaleClaim(long rawId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming inbound mail failed; trying again")]
    private partial void LogClaimFailed(Exception exception);
}
