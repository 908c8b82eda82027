using System.Text.Json;
using System.Text.Json.Nodes;
using Engagement.LoadTests.Measurement;
using HdrHistogram;

namespace Engagement.LoadTests.Reporting;

/// <summary>
/// One run from the reports of several generators (processes or machines) that shared its load: latencies from the
/// sum of their HdrHistogram logs (window and second by second), counts added, per second by the run's own second
/// (each generator's second 0 is when its load began). Cores: the load tools' added, every other process's the most
/// any generator saw (they watched the same servers).
/// </summary>
internal static class ReportMerge
{
    /// <summary>Summary figures that add up over generators; the others are taken from the first.</summary>
    private static readonly string[] Additive =
    [
        "sentInWindow", "ackedInWindow", "deliveredInWindow", "deliveredPerSecond", "errors", "connectionsLost", "shed",
        "missing", "duplicates", "outOfOrder", "acknowledgedTotal",
    ];

    /// <summary>Merges every run of the reports at <paramref name="reportPaths"/> into one, written to <paramref name="outPath"/> (+ .html, .hlog).</summary>
    public static async Task<ReportRun> MergeFilesAsync(IReadOnlyList<string> reportPaths, string outPath)
    {
        var runs = new List<(ReportRun Run, IReadOnlyList<LogEntry> Log)>();
        foreach (var path in reportPaths)
        {
            foreach (var run in LoadReport.Read(path).Runs)
            {
                var log = run.HistogramLog is { } name ? HistogramLog.Read(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, name)) : [];
                runs.Add((run, log));
            }
        }
        if (runs.Count == 0) throw new InvalidOperationException("nothing to merge: the reports have no runs");
        var merged = Merge(Path.GetFileNameWithoutExtension(outPath), runs, Path.ChangeExtension(outPath, ".hlog"));
        await new LoadReport(DateTimeOffset.UtcNow, $"{merged.Name}: {merged.Generators} generators merged", [merged]).WriteAsync(outPath);
        return merged;
    }

    /// <summary>The merged run; its histogram log (the sum of theirs, interval by interval) is written to <paramref name="logPath"/>.</summary>
    public static ReportRun Merge(string name, IReadOnlyList<(ReportRun Run, IReadOnlyList<LogEntry> Log)> runs, string logPath)
    {
        var entries = runs.SelectMany(r => r.Log)
            .GroupBy(e => (e.Tag, e.Second, e.Seconds))
            .Select(g => new LogEntry(g.Key.Tag, g.Key.Second, g.Key.Seconds, HistogramLog.Sum(g, g.Key.Tag)))
            .OrderBy(e => e.Second).ThenBy(e => e.Tag, StringComparer.Ordinal).ToList();
        var start = runs.SelectMany(r => r.Run.Timeline).Select(t => t.Utc).DefaultIfEmpty(DateTimeOffset.UtcNow).Min();
        HistogramLog.Write(logPath, start, entries);

        var delivery = HistogramLog.Sum(entries, "delivery" + HistogramLog.Window);
        var ack = HistogramLog.Sum(entries, "ack" + HistogramLog.Window);
        var deliverySummary = ReportRuns.Summary(delivery);
        var ackSummary = ReportRuns.Summary(ack);
        return new ReportRun(name, runs[0].Run.Benchmark, Summary(runs.Select(r => r.Run.Summary), deliverySummary, ackSummary, runs.Count),
            deliverySummary, ackSummary, ReportRuns.Buckets(delivery), Timeline(runs.Select(r => r.Run), entries),
            Path.GetFileName(logPath), runs.Sum(r => r.Run.Generators));
    }

    private static List<TimelineRow> Timeline(IEnumerable<ReportRun> runs, List<LogEntry> entries)
    {
        double? Ms(string tag, int second, double percentile)
        {
            var h = HistogramLog.Sum(entries.Where(e => e.Second == second && e.Seconds == 1), tag);
            return h.TotalCount == 0 ? null : (percentile < 0 ? h.GetMaxValue() : h.GetValueAtPercentile(percentile)) / 1000.0;
        }

        return runs.SelectMany(r => r.Timeline).GroupBy(t => t.Second).OrderBy(g => g.Key).Select(g => new TimelineRow(
            g.Key, g.Min(t => t.Utc), g.First().Phase, g.Sum(t => t.Sent), g.Sum(t => t.Arrived), g.Sum(t => t.Errors),
            Ms("delivery", g.Key, 50), Ms("delivery", g.Key, 99), Ms("delivery", g.Key, -1), Ms("ack", g.Key, 99), Ms("ack", g.Key, -1),
            g.Max(t => t.PacerLagMaxMs), Cores(g))).ToList();
    }

    private static IReadOnlyList<ProcessCores>? Cores(IEnumerable<TimelineRow> rows)
    {
        var all = rows.SelectMany(r => r.Cores ?? []).ToList();
        if (all.Count == 0) return null;
        return all.GroupBy(c => c.Name).Select(g => new ProcessCores(g.Key, g.Key == "load tool" ? g.Sum(c => c.Cores) : g.Max(c => c.Cores))).ToList();
    }

    private static JsonElement? Summary(IEnumerable<JsonElement?> summaries, LatencySummary delivery, LatencySummary ack, int generators)
    {
        var objects = summaries.OfType<JsonElement>().Where(s => s.ValueKind == JsonValueKind.Object).ToList();
        if (objects.Count == 0) return null;
        var merged = JsonNode.Parse(objects[0].GetRawText())!.AsObject();
        foreach (var key in Additive.Where(merged.ContainsKey))
            merged[key] = objects.Sum(o => o.TryGetProperty(key, out var v) && v.TryGetDouble(out var d) ? d : 0);
        merged["delivery"] = JsonSerializer.SerializeToNode(delivery, LoadReport.Json);
        merged["ack"] = JsonSerializer.SerializeToNode(ack, LoadReport.Json);
        merged["generators"] = generators;
        return JsonSerializer.SerializeToElement(merged, LoadReport.Json);
    }
}
