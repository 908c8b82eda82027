using System.Text.Json;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.TeamDirectory;

/// <summary>The directory benchmark's figures: delivery latency percentiles over every (flip, watcher) pair.</summary>
internal sealed record DirectoryResult(int Watchers, int Silos, int Flips, LatencyHistogram Latency, long Lost, int Dropped, TimeSpan ConnectTime, string LoadAverage)
{
    private double Ms(double percentile) => Latency.PercentileMs(percentile);

    public string Table() => string.Join(Environment.NewLine,
        $"watchers {Watchers} on {Silos} silo(s), {Flips} presence changes, {Latency.Count} deliveries, {Lost} never arrived, {Dropped} connections dropped",
        $"latency ms: p50 {Ms(50):0.0}  p90 {Ms(90):0.0}  p99 {Ms(99):0.0}  p99.9 {Ms(99.9):0.0}  max {Latency.MaxMs:0.0}",
        $"connect + watch: {ConnectTime.TotalSeconds:0.0} s; machine load average at the end {LoadAverage} on {Environment.ProcessorCount} cores");

    /// <summary>The figures as JSON (for <c>--summary-file</c> and the combined report of <c>bench all</c>).</summary>
    public async Task WriteJsonAsync(string path) => await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
    {
        Watchers, Silos, Flips, Deliveries = Latency.Count, Lost, Dropped, ConnectSeconds = ConnectTime.TotalSeconds, LoadAverage,
        Latency = Latency.Summary(),
    }, Reporting.LoadReport.Json));

    public string MarkdownRow() =>
        $"| {Watchers} | {Silos} | {Flips} | {Latency.Count} | {Lost} | {Ms(50):0.0} | {Ms(90):0.0} | {Ms(99):0.0} | {Latency.MaxMs:0.0} | {LoadAverage} |";
}
