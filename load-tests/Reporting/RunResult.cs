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
    long ConnectionsLost,
    string? FirstConnectionLoss,
    long Shed,
    long Missing,
    long Duplicates,
    long OutOfOrder,
    long AcknowledgedTotal,
    IReadOnlyCollection<string> ErrorSamples,
    IReadOnlyList<string> Warnings,
    CpuShare? WindowCpu,
    double CpuMicrosecondsPerMessage,
    MachineInfo Machine,
    string CommandLine)
{
    /// <summary>Above this pacer lag the load generator itself was short of CPU; the run is flagged.</summary>
    private const double StarvedPacerLagMs = 50;

    public static RunResult From(
        string benchmark, string load, LoadProfile profile, LoadMetrics metrics, bool drained,
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
        metrics.ConnectionsLost,
        metrics.FirstConnectionLoss,
        metrics.Shed,
        missing,
        duplicates,
        outOfOrder,
        metrics.Acked,
        metrics.ErrorSamples.ToArray(),
        WarningsFor(profile, metrics, drained),
        metrics.WindowCpu,
        metrics.WindowCpu is { } cpu && metrics.ReceivedDuringWindow > 0
            ? cpu.Ours * profile.Duration.TotalSeconds * 1e6 / metrics.ReceivedDuringWindow
            : double.NaN,
        machine,
        commandLine);

    private static List<string> WarningsFor(LoadProfile profile, LoadMetrics metrics, bool drained)
    {
        var warnings = new List<string>();
        if (!drained)
            warnings.Add($"the drain ({profile.Drain.TotalSeconds:0} s) ended with {metrics.Sent - metrics.Acked - metrics.Errors} sends unacknowledged and " +
                         $"{Math.Max(0, metrics.Acked - metrics.Received)} acknowledged messages not yet delivered; 'lost' counts those as well");
        var lag = metrics.PacerLag.PercentileMs(99);
        if (lag > StarvedPacerLagMs)
            warnings.Add($"the load generator was short of CPU (pacer lag p99 {lag:0} ms): the machine, not only the server, limited this run");
        if (metrics.WindowCpu is { } cpu && cpu.Others > 0.25 * Environment.ProcessorCount)
            warnings.Add($"other processes used {cpu.Others:0.00} of {Environment.ProcessorCount} cores during the window: rerun on a quiet machine for clean figures");
        return warnings;
    }
}
