using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Engagement.Storage;

/// <summary>
/// Transcript store on PostgreSQL with group commit. Appends from every session of this silo go into one
/// queue; a writer loop takes everything waiting (up to <see cref="TranscriptStoreOptions.MaxBatchSize"/>)
/// and writes it with one statement, then completes each append after the commit. While a batch is out, new appends
/// pile up into the next, larger one, so the cost per message falls as load rises; a batch out for longer than
/// <see cref="TranscriptStoreOptions.OverlapAfter"/> gets another beside it (up to
/// <see cref="TranscriptStoreOptions.MaxFlushesInFlight"/>), so one stalled commit does not stall the silo.
/// With a <see cref="MembershipFence"/> (always, in a silo), a batch commits only while this silo's membership row
/// is live, so a silo declared dead cannot append beside the activations that replaced its grains.
/// </summary>
public sealed partial class PostgresTranscriptStore : ITranscriptStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly TranscriptStoreOptions options;
    private readonly TranscriptBatchWriter writer;
    private readonly Channel<PendingAppend> queue;
    private readonly SemaphoreSlim flushSlots;
    private readonly ILogger logger;
    private readonly Task writerLoop;
    private int disposed;
    private int flushesInFlight;
    private long newestFlushStartedAt;
    /// <summary>Completed (and replaced) whenever a batch ends: the writer loop waits on it for a free turn.</summary>
    private TaskCompletionSource flushEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="fence">This silo's membership row; null writes unfenced (tools and tests without a cluster).</param>
    /// <param name="outbox">Rows that commit with the messages (the webhooks' message.created), or null.</param>
    public PostgresTranscriptStore(
        string connectionString, TranscriptStoreOptions? options = null, ILogger<PostgresTranscriptStore>? logger = null, MembershipFence? fence = null,
        ITranscriptOutbox? outbox = null)
    {
        this.options = options ?? new TranscriptStoreOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.MaxBatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.MaxFlushesInFlight, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.QueueCapacity, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.OverlapAfter, TimeSpan.Zero, nameof(options));
        this.logger = logger ?? NullLogger<PostgresTranscriptStore>.Instance;
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // The same few statements run all the time: let Npgsql prepare them on each connection.
        builder.ConnectionStringBuilder.MaxAutoPrepare = Math.Max(builder.ConnectionStringBuilder.MaxAutoPrepare, 8);
        dataSource = builder.Build();
        writer = new TranscriptBatchWriter(dataSource, this.options.WriteMethod, fence, outbox);
        queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(this.options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        flushSlots = new SemaphoreSlim(this.options.MaxFlushesInFlight, this.options.MaxFlushesInFlight);
        // Off any caller's scheduler (the store may be created inside a grain activation).
        writerLoop = Task.Run(RunWriterLoopAsync);
    }

    /// <inheritdoc />
    /// <remarks>Cancellation stops the wait only: an append already queued may still be written.</remarks>
    public Task AppendAsync(ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var pending = new PendingAppend(message);
        if (!queue.Writer.TryWrite(pending)) return EnqueueWhenRoomAsync(pending, cancellationToken);
        return cancellationToken.CanBeCanceled ? pending.Completion.WaitAsync(cancellationToken) : pending.Completion;
    }

    private async Task EnqueueWhenRoomAsync(PendingAppend pending, CancellationToken cancellationToken)
    {
        try
        {
            await queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(PostgresTranscriptStore), "The transcript store is shutting down.");
        }
        await pending.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ChatMessage>> ReadAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        TranscriptQueries.ReadAfterAsync(dataSource, sessionId, afterSeq, limit, cancellationToken);

    public Task<IReadOnlyList<ChatMessage>> ReadTailAsync(string sessionId, int count, CancellationToken cancellationToken = default) =>
        TranscriptQueries.ReadTailAsync(dataSource, sessionId, count, cancellationToken);

    private async Task RunWriterLoopAsync()
    {
        // Started by whoever first resolved the store, perhaps inside a traced call: its batches belong to no caller's span.
        Activity.Current = null;
        var reader = queue.Reader;
        while (true)
        {
            // Take a slot first: while every slot is busy, appends keep accumulating for the next batch.
            await flushSlots.WaitAsync().ConfigureAwait(false);
            if (!await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                flushSlots.Release();
                return;
            }
            await WaitForTurnAsync().ConfigureAwait(false);
            var batch = new List<PendingAppend>(Math.Min(reader.Count, options.MaxBatchSize));
            while (batch.Count < options.MaxBatchSize && reader.TryRead(out var pending)) batch.Add(pending);
            Interlocked.Increment(ref flushesInFlight);
            newestFlushStartedAt = Stopwatch.GetTimestamp();
            _ = FlushAsync(batch);
        }
    }

    /// <summary>
    /// With a batch in flight, waits until it ends or has been out for <see cref="TranscriptStoreOptions.OverlapAfter"/>,
    /// whichever comes first (appends keep gathering meanwhile).
    /// </summary>
    private async Task WaitForTurnAsync()
    {
        while (true)
        {
            var ended = Volatile.Read(ref flushEnded).Task; // read before the count, so an end in between is not missed
            if (Volatile.Read(ref flushesInFlight) == 0) return;
            var wait = options.OverlapAfter - Stopwatch.GetElapsedTime(newestFlushStartedAt);
            if (wait <= TimeSpan.Zero) return;
            if (await Task.WhenAny(ended, Task.Delay(wait)).ConfigureAwait(false) != ended) return;
        }
    }

    private async Task FlushAsync(List<PendingAppend> batch)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = TranscriptTracing.StartFlush(batch);
        if (TranscriptMetrics.QueueWait.Enabled)
            foreach (var pending in batch) TranscriptMetrics.QueueWait.Record(Stopwatch.GetElapsedTime(pending.QueuedAt).TotalMilliseconds);
        try
        {
            await writer.WriteAsync(batch).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogBatchFailed(e, batch.Count);
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            foreach (var pending in batch) pending.Fail(e);
        }
        finally
        {
            // Never leave an append pending, whatever happened above.
            var failed = 0;
            foreach (var pending in batch)
            {
                if (!pending.IsDone) pending.Fail(new InvalidOperationException("Transcript batch ended without an outcome."));
                if (pending.Completion.IsFaulted) failed++;
            }
            var flushMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            TranscriptMetrics.BatchSize.Record(batch.Count);
            TranscriptMetrics.FlushDuration.Record(flushMs);
            if (options.SlowFlushLogThresholdMs > 0 && batch.Count > 0)
            {
                var oldest = Stopwatch.GetElapsedTime(OldestQueuedAt(batch)).TotalMilliseconds;
                if (oldest >= options.SlowFlushLogThresholdMs)
                    LogSlowFlush(batch.Count, oldest, oldest - flushMs, flushMs);
            }
            TranscriptMetrics.Appends.Add(batch.Count - failed);
            if (failed > 0) TranscriptMetrics.FailedAppends.Add(failed);
            Interlocked.Decrement(ref flushesInFlight);
            Interlocked.Exchange(ref flushEnded, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            flushSlots.Release();
        }
    }

    private static long OldestQueuedAt(List<PendingAppend> batch)
    {
        var oldest = long.MaxValue;
        foreach (var pending in batch) oldest = Math.Min(oldest, pending.QueuedAt);
        return oldest;
    }

    /// <summary>Stops taking appends, writes everything already queued, then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        queue.Writer.TryComplete();
        await writerLoop.ConfigureAwait(false);
        for (var i = 0; i < options.MaxFlushesInFlight; i++) await flushSlots.WaitAsync().ConfigureAwait(false);
        await dataSource.DisposeAsync().ConfigureAwait(false);
        flushSlots.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slow transcript batch: {Count} message(s), the oldest stored after {OldestMs:F1} ms ({QueuedMs:F1} ms queued, {FlushMs:F1} ms writing and committing)")]
    private partial void LogSlowFlush(int count, double oldestMs, double queuedMs, double flushMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing a transcript batch of {Count} message(s) failed; every append in it fails")]
    private partial void LogBatchFailed(Exception exception, int count);
}
