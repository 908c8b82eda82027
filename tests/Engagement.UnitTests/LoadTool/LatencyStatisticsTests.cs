using System.Diagnostics;
using Engagement.LoadTests.Measurement;
using Engagement.LoadTests.Reporting;
using HdrHistogram;

namespace Engagement.UnitTests.LoadTool;

/// <summary>The load tool's percentiles, and histograms merged through HdrHistogram's log format.</summary>
public class LatencyStatisticsTests
{
    [Fact]
    public void Percentiles_of_1_to_1000_microseconds_are_where_they_should_be_within_three_digits()
    {
        var micros = HistogramLog.NewMicros();
        for (var v = 1; v <= 1000; v++) micros.RecordValue(v);

        var summary = ReportRuns.Summary(micros);

        Assert.Equal(1000, summary.Count);
        Assert.Equal(0.500, summary.P50, 3);
        Assert.Equal(0.900, summary.P90, 3);
        Assert.Equal(0.990, summary.P99, 3);
        Assert.Equal(1.000, summary.Max, 3);
    }

    [Fact]
    public void An_empty_histogram_has_no_percentiles_rather_than_zero()
    {
        var summary = ReportRuns.Summary(HistogramLog.NewMicros());

        Assert.Equal(0, summary.Count);
        Assert.True(double.IsNaN(summary.P99));
    }

    [Fact]
    public void Stopwatch_ticks_become_microseconds_in_the_log()
    {
        var run = new LatencyHistogram();
        run.Record(Stopwatch.Frequency / 1000 * 5); // 5 ms

        var micros = HistogramLog.ToMicros(run.Raw);

        Assert.Equal(1, micros.TotalCount);
        Assert.InRange(micros.GetMaxValue(), 4995, 5005);
    }

    [Fact]
    public void Two_generators_logs_merge_into_the_histogram_of_all_their_values()
    {
        var folder = Directory.CreateTempSubdirectory("loadtool-hlog").FullName;
        var (fast, slow, all) = (HistogramLog.NewMicros(), HistogramLog.NewMicros(), HistogramLog.NewMicros());
        for (var v = 1; v <= 900; v++) { fast.RecordValue(v); all.RecordValue(v); }
        for (var v = 100_000; v < 100_100; v++) { slow.RecordValue(v); all.RecordValue(v); }
        var start = DateTimeOffset.UtcNow;
        HistogramLog.Write(Path.Combine(folder, "a.hlog"), start, [new LogEntry("delivery-window", 2, 10, fast)]);
        HistogramLog.Write(Path.Combine(folder, "b.hlog"), start, [new LogEntry("delivery-window", 2, 10, slow)]);

        var entries = HistogramLog.Read(Path.Combine(folder, "a.hlog")).Concat(HistogramLog.Read(Path.Combine(folder, "b.hlog"))).ToList();
        var merged = HistogramLog.Sum(entries, "delivery-window");

        Assert.Equal(1000, merged.TotalCount);
        Assert.Equal(ReportRuns.Summary(all), ReportRuns.Summary(merged));
        // The p99 is the slow generator's, which neither generator's own p99 nor their average would give.
        Assert.InRange(ReportRuns.Summary(merged).P99, 99.9, 100.2);
        Assert.All(entries, e => Assert.Equal((2, 10), (e.Second, e.Seconds)));
    }

    [Fact]
    public void The_histogram_bars_hold_every_message_once()
    {
        var micros = HistogramLog.NewMicros();
        foreach (var v in new[] { 50, 51, 400, 3_000, 3_100, 250_000 }) micros.RecordValue(v);

        var bars = ReportRuns.Buckets(micros);

        Assert.Equal(6, bars.Sum(b => b.Count));
        Assert.True(bars.Zip(bars.Skip(1)).All(p => p.First.UpToMs < p.Second.UpToMs));
        Assert.InRange(bars[^1].UpToMs, 250, 250 * 1.25);
    }
}
