using System.Globalization;
using System.Text.Json;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.TeamDirectory;

/// <summary>
/// The directory benchmark's figures: delivery latency percentiles over every (change, watcher) pair, and how the
/// machine's cores were shared while idle (watchers connected, nothing changing) and while changes were sent.
/// </summary>
internal sealed record DirectoryResult(int Watchers, int Silos, int Flips, int Burst, LatencyHistogram Latency, long Lost, int Dropped,
    TimeSpan ConnectTime, string LoadAverage, CpuShare? Idle, CpuShare? Flipping, TimeSpan FlipWindow)
{
    private double Ms(double percentile) => Latency.PercentileMs(percentile);

    public string Table() => string.Join(Environment.NewLine,
        $"watchers {Watchers} on {Silos} silo(s), {Flips} presence changes of {Burst} representative(s) at once, {Latency.Count} deliveries, {Lost} never arrived, {Dropped} connections dropped",
        $"latency ms: p50 {Ms(50):0.0}  p90 {Ms(90):0.0}  p99 {Ms(99):0.0}  p99.9 {Ms(99.9):0.0}  max {Latency.MaxMs:0.0}",
        $"connect + watch: {ConnectTime.TotalSeconds:0.0} s; machine load average at the end {LoadAverage} on {Environment.ProcessorCount} cores",
        $"cores idle (watching, no changes): {Cores(Idle)}",
        $"cores in the window (changes):     {Cores(Flipping)}",
        $"CPU per delivery: {PerDelivery()}");

    /// <summary>The figures as JSON (for <c>--summary-file</c> and the combined report of <c>bench all</c>).</summary>
    public async Task WriteJsonAsync(string path) => await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
    {
        Watchers, Silos, Flips, Burst, Deliveries = Latency.Count, Lost, Dropped, ConnectSeconds = ConnectTime.TotalSeconds, LoadAverage,
        Latency = Latency.Summary(),
        WindowCores = Flipping is { } cpu && !double.IsNaN(cpu.Ours) ? new { Benchmark = cpu.Ours, Others = cpu.Others } : null,
    }, Reporting.LoadReport.Json));

    public string MarkdownRow() =>
        $"| {Watchers} | {Silos} | {Burst} | {Flips} | {Latency.Count} | {Lost} | {Ms(50):0.0} | {Ms(90):0.0} | {Ms(99):0.0} | {Latency.MaxMs:0.0} | {LoadAverage} | {Short(Flipping)} |";

    /// <summary>Extra CPU of the silos and of the load tool per delivered change, over the idle rate (µs).</summary>
    private string PerDelivery()
    {
        if (Idle is null || Flipping is null || Latency.Count == 0 || Idle.Trees.Count != Flipping.Trees.Count) return "–";
        var seconds = FlipWindow.TotalSeconds;
        string Extra(double flipCores, double idleCores) => (Math.Max(0, flipCores - idleCores) * seconds * 1e6 / Latency.Count).ToString("0.0", CultureInfo.InvariantCulture);
        var tool = Extra(Flipping.Trees[0].Cores, Idle.Trees[0].Cores);
        var silos = Extra(Flipping.Trees.Skip(1).Sum(t => t.Cores), Idle.Trees.Skip(1).Sum(t => t.Cores));
        return $"silos {silos} µs, load tool {tool} µs (above the idle rate)";
    }

    private static string Cores(CpuShare? cpu) => cpu is null || double.IsNaN(cpu.Ours) ? "–"
        : $"{F(cpu.Ours)} by the benchmark ({string.Join(", ", cpu.Trees.Select(t => $"{t.Name}: {F(t.Cores)}"))}), {F(cpu.Others)} by other processes, {F(cpu.Steal)} stolen";

    private static string Short(CpuShare? cpu) => cpu is null || double.IsNaN(cpu.Ours) ? "–" : $"{F(cpu.Ours)} / {F(cpu.Others)}";

    private static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
}
