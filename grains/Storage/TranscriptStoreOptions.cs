namespace Engagement.Storage;

/// <summary>Tuning of <see cref="PostgresTranscriptStore"/>'s group commit.</summary>
public sealed class TranscriptStoreOptions
{
    /// <summary>Most appends written by one statement.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// Batches being written at once, each on its own connection. One by default: on the 2-core reference
    /// machine the whole chat path (silo, PostgreSQL and load on the same cores) had half the latency with one
    /// batch in flight than with three — fewer, larger commits cost less CPU (docs/benchmarks.md). More help
    /// when PostgreSQL has cores or disks of its own and commits are slow.
    /// </summary>
    public int MaxFlushesInFlight { get; set; } = 1;

    /// <summary>Appends waiting to be written before <see cref="ITranscriptStore.AppendAsync"/> waits for room (back-pressure).</summary>
    public int QueueCapacity { get; set; } = 50_000;

    /// <summary>How a batch is sent; see <see cref="TranscriptWriteMethod"/>.</summary>
    public TranscriptWriteMethod WriteMethod { get; set; } = TranscriptWriteMethod.Unnest;
}

/// <summary>Statement shape of one batch write (both are one statement and one commit).</summary>
public enum TranscriptWriteMethod
{
    /// <summary>INSERT … SELECT FROM unnest(array parameters).</summary>
    Unnest,
    /// <summary>Binary COPY … FROM STDIN.</summary>
    Copy,
}
