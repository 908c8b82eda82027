using System.Globalization;
using Engagement.LoadTests.Reporting;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// The report of <c>bench all</c>: every run's own report (relay, chat: timeline and plots) or summary (directory,
/// context, site-visitors, failover: figures only) written since the set began, and how chat compares with the relay.
/// </summary>
internal static class CombinedReport
{
    public static LoadReport Collect(BenchSetup setup, IReadOnlyList<string> kinds, DateTime since)
    {
        var runs = new List<ReportRun>();
        foreach (var kind in kinds)
        {
            switch (kind)
            {
                case "relay" or "chat":
                    foreach (var label in new[] { "max", "rate" })
                        if (Fresh(setup.Out($"{kind}-{label}.report.json"), since) is { } report) runs.AddRange(LoadReport.Read(report).Runs);
                    break;
                case "failover":
                    var newest = Directory.EnumerateFiles(setup.Out(""), "failover.json", SearchOption.AllDirectories)
                        .Where(f => File.GetLastWriteTimeUtc(f) >= since).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
                    if (newest is not null) runs.Add(ReportRuns.FromSummary("failover", "failover", newest));
                    break;
                default:
                    if (Fresh(setup.Out($"{kind}.json"), since) is { } summary) runs.Add(ReportRuns.FromSummary(kind, kind, summary));
                    break;
            }
        }
        var missing = kinds.Where(k => !runs.Any(r => r.Benchmark == k)).ToList();
        var notes = Comparisons(runs).ToList();
        if (missing.Count > 0) notes.Add($"No result from: {string.Join(", ", missing)} (see the log above).");
        return new LoadReport(DateTimeOffset.UtcNow, "Engagement benchmarks (./engage bench all)", runs, notes);
    }

    /// <summary>The issue's goal for the chat path is stated against the relay: p99 within 2× at the same rate, at least half its throughput.</summary>
    private static IEnumerable<string> Comparisons(List<ReportRun> runs)
    {
        foreach (var label in new[] { "max", "rate" })
        {
            var relay = runs.FirstOrDefault(r => r.Name == $"relay-{label}");
            var chat = runs.FirstOrDefault(r => r.Name == $"chat-{label}");
            if (relay?.Delivery is not { } r || chat?.Delivery is not { } c) continue;
            var throughput = Number(chat.Summary, "deliveredPerSecond") / Number(relay.Summary, "deliveredPerSecond");
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{label} run: chat p99 {c.P99:0.0} ms against the relay's {r.P99:0.0} ms ({c.P99 / r.P99:0.0}×; goal ≤ 2× at 5,000 msg/s); chat delivered {throughput * 100:0}% of the relay's msg/s (goal ≥ 50% at max).");
        }
    }

    private static double Number(System.Text.Json.JsonElement? summary, string name) =>
        summary is { } s && s.TryGetProperty(name, out var v) && v.TryGetDouble(out var d) ? d : double.NaN;

    private static string? Fresh(string path, DateTime since) => File.Exists(path) && File.GetLastWriteTimeUtc(path) >= since ? path : null;
}
