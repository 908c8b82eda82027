namespace Engagement.Storage;

/// <summary>Tuning of <see cref="PostgresTranscriptStore"/>'s group commit, from "Engagement:Transcript".</summary>
public sealed class TranscriptStoreOptions : ISettings<TranscriptStoreOptions>
{
    public const string Section = "Engagement:Transcript";

    static string ISettings<TranscriptStoreOptions>.Section => Section;

    /// <summary>Most appends written by one statement.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// Most batches being written at once, each on its own connection. One by default: on the 2-core reference
    /// machine the whole chat path (silo, PostgreSQL and load on the same cores) had half the latency at 5,000 msg/s
    /// with one batch in flight than with three: fewer, larger commits cost less CPU (docs/benchmarks.md). With more,
    /// a second batch starts only once the one in flight has been out for <see cref="OverlapAfter"/>, so quick
    /// commits still gather large batches and a stalled one no longer holds every other session's messages behind it;
    /// whether that pays on a given machine is for its benchmark to say (docs/benchmarks.md, "The stall on the durable
    /// chat path").
    /// </summary>
    public int MaxFlushesInFlight { get; set; } = 1;

    /// <summary>
    /// How long the newest batch in flight may take before another starts beside it (when
    /// <see cref="MaxFlushesInFlight"/> is more than one); zero starts one as soon as a connection is free.
    /// </summary>
    public TimeSpan OverlapAfter { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Appends waiting to be written before <see cref="ITranscriptStore.AppendAsync"/> waits for room (back-pressure).</summary>
    public int QueueCapacity { get; set; } = 50_000;

    /// <summary>
    /// A batch whose oldest append waited longer than this (queue plus write and commit) is logged as a warning, with
    /// where the time went; 0 logs none. The evidence for a stall on the chat path (docs/benchmarks.md).
    /// </summary>
    public double SlowFlushLogThresholdMs { get; set; } = 100;

    /// <summary>How a batch is sent; see <see cref="TranscriptWriteMethod"/>.</summary>
    public TranscriptWriteMethod WriteMethod { get; set; } = TranscriptWriteMethod.Unnest;

    public void Check(SettingsCheck check) => check
        .InRange(nameof(MaxBatchSize), MaxBatchSize, 1, 100_000)
        .InRange(nameof(MaxFlushesInFlight), MaxFlushesInFlight, 1, 64)
        .NotNegative(nameof(OverlapAfter), OverlapAfter)
        .That(QueueCapacity >= MaxBatchSize, nameof(QueueCapacity), $"must be at least MaxBatchSize ({MaxBatchSize}) (it is {QueueCapacity}).")
        .InRange(nameof(SlowFlushLogThresholdMs), SlowFlushLogThresholdMs, 0, 3_600_000)
        .Defined(nameof(WriteMethod), WriteMethod);
}

/// <summary>Statement shape of one batch write (both are one statement and one commit).</summary>
public enum TranscriptWriteMethod
{
    /// <summary>INSERT … SELECT FROM unnest(array parameters).</summary>
    Unnest,
    /// <summary>Binary COPY … FROM STDIN.</summary>
    Copy,
}
