using System.Text.Json;
using Engagement.LoadTests.Measurement;
using HdrHistogram;

namespace Engagement.LoadTests.Reporting;

/// <summary>Builds a report's runs: from a measuring run that just ended, and from a summary without a timeline.</summary>
internal static class ReportRuns
{
    /// <summary>Bars grow by this factor: fine at the low end, a few dozen bars up to seconds.</summary>
    private const double BucketGrowth = 1.25;

    /// <summary>
    /// Writes the run's report (<paramref name="reportPath"/>, .html and .hlog beside it) if one was asked for: its
    /// figures, its timeline, and its histograms as a log that <c>merge</c> can add to others'.
    /// </summary>
    public static async Task WriteAsync(string? reportPath, RunResult result, LoadMetrics metrics)
    {
        if (reportPath is null) return;
        var name = Path.GetFileNameWithoutExtension(reportPath);
        if (name.EndsWith(".report", StringComparison.Ordinal)) name = name[..^".report".Length]; // bench's chat-rate.report.json
        var clock = metrics.Clock;
        var log = Path.ChangeExtension(reportPath, ".hlog");
        var warmup = (int)Math.Round((clock.MeasureStart - clock.Start) / (double)System.Diagnostics.Stopwatch.Frequency);
        var window = (int)Math.Ceiling(clock.Duration.TotalSeconds);
        var entries = metrics.Timeline.Intervals().Select(i => new LogEntry(i.Tag, i.Second, 1, HistogramLog.ToMicros(i.Histogram))).ToList();
        var delivery = HistogramLog.ToMicros(metrics.Delivery.Raw);
        var ack = HistogramLog.ToMicros(metrics.Ack.Raw);
        entries.Add(new LogEntry("delivery" + HistogramLog.Window, warmup, window, delivery));
        entries.Add(new LogEntry("ack" + HistogramLog.Window, warmup, window, ack));
        HistogramLog.Write(log, metrics.Timeline.StartUtc, entries);

        var run = new ReportRun(name, result.Benchmark, JsonSerializer.SerializeToElement(result, LoadReport.Json),
            Summary(delivery), Summary(ack), Buckets(delivery), metrics.Timeline.Rows(clock), Path.GetFileName(log));
        var html = await new LoadReport(DateTimeOffset.UtcNow, $"{name}: {result.Load}", [run]).WriteAsync(reportPath);
        Console.Error.WriteLine($"{result.Benchmark}: report in {html} (JSON and HdrHistogram log beside it)");
    }

    /// <summary>
    /// A run known only by its summary JSON (context, site-visitors, directory): a table row, no plots.
    /// Its headline latency is the first percentile set in it (context: signal to screen; site-visitors: page change
    /// to watcher; directory: presence to watcher).
    /// </summary>
    public static ReportRun FromSummary(string name, string benchmark, string summaryPath)
    {
        var summary = JsonDocument.Parse(File.ReadAllText(summaryPath)).RootElement.Clone();
        var latency = summary.ValueKind != JsonValueKind.Object ? null : summary.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("p99", out _) && p.Value.TryGetProperty("count", out _))
            .Select(p => p.Value.Deserialize<LatencySummary>(LoadReport.Json)).FirstOrDefault();
        return new(name, benchmark, summary, latency, null, [], [], null);
    }

    /// <summary>Percentiles in ms of a histogram in microseconds.</summary>
    public static LatencySummary Summary(HistogramBase micros)
    {
        double Ms(double p) => micros.TotalCount == 0 ? double.NaN : micros.GetValueAtPercentile(p) / 1000.0;
        return new LatencySummary(micros.TotalCount, Ms(50), Ms(90), Ms(99), Ms(99.9), micros.TotalCount == 0 ? double.NaN : micros.GetMaxValue() / 1000.0);
    }

    /// <summary>The histogram as bars on a logarithmic scale (each bound <see cref="BucketGrowth"/> × the last), empty ones inside the range kept.</summary>
    public static IReadOnlyList<HistogramBucket> Buckets(HistogramBase micros)
    {
        var counts = new SortedDictionary<int, long>();
        foreach (var v in micros.RecordedValues())
        {
            var bucket = (int)Math.Ceiling(Math.Log(Math.Max(1, micros.HighestEquivalentValue(v.ValueIteratedTo))) / Math.Log(BucketGrowth));
            counts[bucket] = counts.GetValueOrDefault(bucket) + v.CountAtValueIteratedTo;
        }
        if (counts.Count == 0) return [];
        return Enumerable.Range(counts.Keys.First(), counts.Keys.Last() - counts.Keys.First() + 1)
            .Select(b => new HistogramBucket(Math.Pow(BucketGrowth, b) / 1000.0, counts.GetValueOrDefault(b))).ToArray();
    }
}
