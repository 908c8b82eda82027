using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Webhooks;

/// <summary>
/// Delivers webhooks from this silo; every silo runs one and they share the work through the claim (FOR UPDATE
/// SKIP LOCKED). It claims only as many due deliveries as it has free slots (<see cref="WebhookOptions.MaxConcurrency"/>),
/// leaving out subscriptions at <see cref="WebhookOptions.MaxConcurrencyPerSubscription"/>, sends each on its own
/// task and records the results in batches, one statement for everything that finished meanwhile. Nothing here
/// runs on a grain's scheduler or the chat path: a slow or failing receiver holds only its own slots.
/// </summary>
internal sealed partial class WebhookDispatcher : BackgroundService
{
    private readonly WebhookDatabase database;
    private readonly WebhookSender sender;
    private readonly DeliverySignal signal;
    private readonly WebhookOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly SemaphoreSlim slots;
    private readonly AttemptRecorder recorder;
    private readonly ConcurrentDictionary<string, int> outBySubscription = new(StringComparer.Ordinal);
    /// <summary>Cancels the attempts still out once the stop's grace is over.</summary>
    private readonly CancellationTokenSource abort = new();
    private readonly TaskCompletionSource allReturned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int attemptsOut;
    private volatile bool stopping;

    public WebhookDispatcher(
        WebhookDatabase database, WebhookSender sender, DeliverySignal signal, IOptions<WebhookOptions> options, TimeProvider clock,
        ILogger<WebhookDispatcher> logger)
    {
        (this.database, this.sender, this.signal, this.options, this.clock, this.logger) = (database, sender, signal, options.Value, clock, logger);
        slots = new SemaphoreSlim(this.options.MaxConcurrency, this.options.MaxConcurrency);
        recorder = new AttemptRecorder(database, this.options, logger);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recording = Task.Run(recorder.RunAsync, CancellationToken.None);
        try
        {
            await ClaimLoopAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await LetAttemptsEndAsync().ConfigureAwait(false);
            recorder.Complete();
            await recording.ConfigureAwait(false);
        }
    }

    private async Task ClaimLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
            var free = 1;
            while (free < options.ClaimBatchSize && slots.Wait(0)) free++;
            List<ClaimedDelivery> claimed;
            try
            {
                claimed = await DeliveryQueue.ClaimAsync(database.DataSource, free, options, AtTheirLimit(), stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                slots.Release(free);
                if (stoppingToken.IsCancellationRequested) throw;
                LogClaimFailed(e);
                await Task.Delay(options.PollInterval, stoppingToken).ConfigureAwait(false);
                continue;
            }
            if (claimed.Count < free) slots.Release(free - claimed.Count);
            WebhookMetrics.ClaimSize.Record(claimed.Count);
            foreach (var delivery in claimed) Start(delivery);
            // Fewer than asked: nothing more is due now. Wait for a publish on this silo, a slot of a subscription at its limit, or the poll;
            // then let more gather, so that under load one claim takes many.
            if (claimed.Count < free)
            {
                await signal.WaitAsync(options.PollInterval, stoppingToken).ConfigureAwait(false);
                if (options.GatherDelay > TimeSpan.Zero) await Task.Delay(options.GatherDelay, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private string[] AtTheirLimit() =>
        [.. outBySubscription.Where(p => p.Value >= options.MaxConcurrencyPerSubscription).Select(p => p.Key)];

    private void Start(ClaimedDelivery delivery)
    {
        Interlocked.Increment(ref attemptsOut);
        outBySubscription.AddOrUpdate(delivery.SubscriptionId, 1, static (_, n) => n + 1);
        _ = AttemptAsync(delivery);
    }

    private async Task AttemptAsync(ClaimedDelivery delivery)
    {
        await Task.Yield(); // off the claim loop at once
        var at = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        try
        {
            WebhookSender.Answer answer;
            try
            {
                answer = await sender.SendAsync(delivery, at.ToUnixTimeSeconds(), abort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                answer = new WebhookSender.Answer(null, "cancelled: the silo stopped during the attempt", null, null, false);
            }
            catch (Exception e)
            {
                LogAttemptBroke(e, delivery.Id);
                answer = new WebhookSender.Answer(null, $"error: {e.GetType().Name}", null, null, false);
            }
            var duration = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            recorder.Add(Result(delivery, at, duration, answer));
        }
        finally
        {
            var before = outBySubscription.AddOrUpdate(delivery.SubscriptionId, 0, static (_, n) => n - 1) + 1;
            slots.Release();
            if (before >= options.MaxConcurrencyPerSubscription) signal.Wake(); // it was left out of claims: claim for it again
            if (Interlocked.Decrement(ref attemptsOut) == 0 && stopping) allReturned.TrySetResult();
        }
    }

    private AttemptResult Result(ClaimedDelivery delivery, DateTimeOffset at, double durationMs, WebhookSender.Answer answer)
    {
        var (outcome, wait) = answer switch
        {
            { Succeeded: true } => (WebhookDeliveryStatus.Delivered, TimeSpan.Zero),
            _ when answer.Permanent || delivery.Attempt >= options.MaxAttempts => (WebhookDeliveryStatus.Dead, TimeSpan.Zero),
            _ when abort.IsCancellationRequested => (WebhookDeliveryStatus.Pending, TimeSpan.Zero), // due at once, for another silo
            _ => (WebhookDeliveryStatus.Pending, WebhookBackoff.After(delivery.Attempt, options, answer.RetryAfter, Random.Shared.NextDouble())),
        };
        WebhookMetrics.Attempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
        {
            WebhookDeliveryStatus.Delivered => "delivered",
            WebhookDeliveryStatus.Dead => "dead",
            _ => "retry",
        }));
        WebhookMetrics.AttemptDuration.Record(durationMs);
        if (outcome == WebhookDeliveryStatus.Dead) LogDead(delivery.Id, delivery.SubscriptionId, delivery.EventId, delivery.Attempt, answer.Error);
        return new AttemptResult(delivery.Id, delivery.Attempt, delivery.SubscriptionId, at, answer.StatusCode, answer.Error, durationMs, answer.Excerpt, outcome, wait);
    }

    /// <summary>At stop: no more claims; attempts out get until their timeout, then are cancelled (and due again at once).</summary>
    private async Task LetAttemptsEndAsync()
    {
        stopping = true;
        if (Volatile.Read(ref attemptsOut) == 0) return;
        try
        {
            await allReturned.Task.WaitAsync(options.RequestTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await abort.CancelAsync().ConfigureAwait(false);
            await allReturned.Task.ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        abort.Dispose();
        slots.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming due webhook deliveries failed; trying again after the poll interval")]
    private partial void LogClaimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook attempt for delivery {DeliveryId} failed unexpectedly")]
    private partial void LogAttemptBroke(Exception exception, long deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} (subscription {SubscriptionId}, event {EventId}) is dead after attempt {Attempt}: {Error}")]
    private partial void LogDead(long deliveryId, string subscriptionId, string eventId, int attempt, string? error);
}
