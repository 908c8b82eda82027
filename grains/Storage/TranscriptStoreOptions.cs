namespace Engagement.Storage;

/// <summary>Tuning of <see cref="PostgresTranscriptStore"/>'s group commit.</summary>
public sealed class TranscriptStoreOptions
{
    /// <summary>Most appends written by one statement.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// Batches being written at once, each on its own connection, so one slow commit does not stall the
    /// pipeline. On the 2-core reference machine 1 halved the chat path's latency in the benchmark (fewer,
    /// larger commits; docs/benchmarks.md), but with 1 a call test (a reloaded page replacing its peer
    /// connection) failed in most full test runs, for a reason not yet found; the default stays 3 until it is.
    /// </summary>
    public int MaxFlushesInFlight { get; set; } = 3;

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
