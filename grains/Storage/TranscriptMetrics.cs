using System.Diagnostics.Metrics;

namespace Engagement.Storage;

/// <summary>Meter "Engagement.Transcript": appends, batch sizes and commit latency of the transcript writer.</summary>
internal static class TranscriptMetrics
{
    public const string MeterName = MeterNames.Transcript;
    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Appends = Meter.CreateCounter<long>("engagement.transcript.appends", "{message}", "Messages committed");
    public static readonly Counter<long> FailedAppends = Meter.CreateCounter<long>("engagement.transcript.failed_appends", "{message}", "Appends that failed");
    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("engagement.transcript.batch_size", "{message}", "Messages per statement");
    public static readonly Histogram<double> QueueWait = Meter.CreateHistogram<double>("engagement.transcript.queue_wait", "ms", "Time an append waited in the queue for its batch to start");
    public static readonly Histogram<double> FlushDuration = Meter.CreateHistogram<double>("engagement.transcript.flush_duration", "ms", "Time to write and commit one batch");
}
