using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Engagement.Webhooks;

/// <summary>
/// Records attempt results in batches: everything that finished while the previous statement ran (and during
/// <see cref="WebhookOptions.GatherDelay"/>) goes into the next one. A failed statement is retried; once the
/// dispatcher stops, a few times only, after which the claims' leases bring those deliveries back.
/// </summary>
internal sealed partial class AttemptRecorder(WebhookDatabase database, WebhookOptions options, ILogger logger)
{
    private const int MaxResultsPerStatement = 500;
    private const int TriesAfterStop = 3;
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly Channel<AttemptResult> results = Channel.CreateUnbounded<AttemptResult>(new UnboundedChannelOptions { SingleReader = true });
    private volatile bool stopping;

    public void Add(AttemptResult result) => results.Writer.TryWrite(result);

    /// <summary>Records until <see cref="Complete"/> and everything added before it is written (or given up).</summary>
    public async Task RunAsync()
    {
        var reader = results.Reader;
        var batch = new List<AttemptResult>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxResultsPerStatement && reader.TryRead(out var result)) batch.Add(result);
            for (var tries = 1; ; tries++)
            {
                try
                {
                    await DeliveryQueue.RecordAsync(database.DataSource, batch, CancellationToken.None).ConfigureAwait(false);
                    break;
                }
                catch (Exception e)
                {
                    LogRecordFailed(e, batch.Count);
                    if (stopping && tries >= TriesAfterStop) break;
                    await Task.Delay(RetryAfter).ConfigureAwait(false);
                }
            }
            var full = batch.Count == MaxResultsPerStatement;
            batch.Clear();
            if (!full && options.GatherDelay > TimeSpan.Zero && !stopping) await Task.Delay(options.GatherDelay).ConfigureAwait(false);
        }
    }

    /// <summary>No more results will come: write what is left and end <see cref="RunAsync"/>.</summary>
    public void Complete()
    {
        stopping = true;
        results.Writer.TryComplete();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording {Count} webhook attempt result(s) failed; retrying")]
    private partial void LogRecordFailed(Exception exception, int count);
}
