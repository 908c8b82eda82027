using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.Reporting;

/// <summary>The figures of one run, as printed and as written to the summary file.</summary>
internal sealed record RunResult(
    string Benchmark,
    string Load,
    double TargetRate,
    double WindowSeconds,
    long SentInWindow,
    long AckedInWindow,
    long DeliveredInWindow,
    double DeliveredPerSecond,
    LatencySummary Delivery,
    LatencySummary Ack,
    double PacerLagP99Ms,
    long Errors,
    long Shed,
    long Missing,
    long Duplicates,
    long OutOfOrder,
    long AcknowledgedTotal,
    IReadOnlyCollection<string> ErrorSamples,
    MachineInfo Machine,
    string CommandLine)
{
    public static RunResult From(
        string benchmark, string load, LoadProfile profile, LoadMetrics metrics,
        long missing, long duplicates, long outOfOrder, MachineInfo machine, string commandLine) => new(
        benchmark,
        load,
        profile.Rate,
        profile.Duration.TotalSeconds,
        metrics.SentInWindow,
        metrics.AckedInWindow,
        metrics.DeliveredInWindow,
        metrics.ReceivedDuringWindow / profile.Duration.TotalSeconds,
        metrics.Delivery.Summary(),
        metrics.Ack.Summary(),
        metrics.PacerLag.PercentileMs(99),
        metrics.Errors,
        metrics.Shed,
        missing,
        duplicates,
        outOfOrder,
        metrics.Acked,
        metrics.ErrorSamples,
        machine,
        commandLine);
}
