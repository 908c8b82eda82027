using System.Text.Json;
using Engagement.LoadTests.Measurement;
using Engagement.LoadTests.Reporting;

namespace Engagement.UnitTests.LoadTool;

/// <summary>The report a run writes (JSON, one self-contained HTML file) and runs merged from several generators.</summary>
public class ReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static TimelineRow Second(int i, long sent, long arrived, long errors, double p99, params ProcessCores[] cores) =>
        new(i, Start.AddSeconds(i), i == 0 ? "warmup" : "window", sent, arrived, errors, p99 / 2, p99, p99 * 2, p99, p99 * 2, 0.1, cores);

    private static (ReportRun Run, IReadOnlyList<LogEntry> Log) Generator(string name, int latencyMicros, long sent, double toolCores)
    {
        var perSecond = HistogramLog.NewMicros();
        perSecond.RecordValueWithCount(latencyMicros, sent);
        var window = perSecond.Copy();
        var summary = JsonSerializer.SerializeToElement(new { benchmark = "relay", sentInWindow = sent, deliveredPerSecond = sent, errors = 1, load = "10 pairs" });
        var run = new ReportRun(name, "relay", summary, ReportRuns.Summary(window), ReportRuns.Summary(window), ReportRuns.Buckets(window),
            [Second(1, sent, sent, 1, latencyMicros / 1000.0, new ProcessCores("load tool", toolCores), new ProcessCores("dotnet 42", 1.0 + toolCores))],
            name + ".hlog");
        return (run, [new LogEntry("delivery", 1, 1, perSecond), new LogEntry("delivery-window", 1, 1, window)]);
    }

    [Fact]
    public async Task The_report_JSON_has_the_runs_figures_histogram_and_timeline()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("loadtool-report").FullName, "chat-rate.json");
        var (run, _) = Generator("chat-rate", 2_000, 500, 0.3);

        await new LoadReport(Start, "chat at 500/s", [run]).WriteAsync(path);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var root = json.RootElement;
        Assert.Equal("chat at 500/s", root.GetProperty("title").GetString());
        var first = root.GetProperty("runs")[0];
        Assert.Equal("chat-rate", first.GetProperty("name").GetString());
        Assert.Equal(500, first.GetProperty("delivery").GetProperty("count").GetInt64());
        Assert.Equal(2.0, first.GetProperty("delivery").GetProperty("p99").GetDouble(), 2);
        Assert.Equal(500, first.GetProperty("deliveryHistogram").EnumerateArray().Sum(b => b.GetProperty("count").GetInt64()));
        var second = first.GetProperty("timeline")[0];
        Assert.Equal((500, 500, 1), (second.GetProperty("sent").GetInt64(), second.GetProperty("arrived").GetInt64(), second.GetProperty("errors").GetInt64()));
        Assert.Equal("load tool", second.GetProperty("cores")[0].GetProperty("name").GetString());
        Assert.Equal("chat-rate.hlog", first.GetProperty("histogramLog").GetString());
        Assert.Equal(run, LoadReport.Read(path).Runs[0] with { Summary = run.Summary, Timeline = run.Timeline, DeliveryHistogram = run.DeliveryHistogram });
    }

    [Fact]
    public async Task The_HTML_is_one_file_with_the_five_plots_and_the_data_behind_them()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("loadtool-report").FullName, "relay.json");
        var (run, _) = Generator("relay-rate", 1_500, 321, 0.25);

        var html = await File.ReadAllTextAsync(await new LoadReport(Start, "relay </script> & co", [run]).WriteAsync(path));

        foreach (var plot in new[] { "latency", "histogram", "throughput", "errors", "cores" })
            Assert.Contains($"<svg data-plot=\"{plot}\"", html);
        Assert.Contains("dotnet 42", html); // a server's cores are a line of their own
        Assert.DoesNotContain("<script src", html);
        Assert.DoesNotContain("<link", html);
        var data = html[(html.IndexOf("id=\"report-data\">", StringComparison.Ordinal) + 17)..html.LastIndexOf("</script>", StringComparison.Ordinal)];
        var embedded = JsonDocument.Parse(data.Replace("<\\/", "</", StringComparison.Ordinal)).RootElement;
        Assert.Equal(321, embedded.GetProperty("runs")[0].GetProperty("timeline")[0].GetProperty("sent").GetInt64());
        Assert.Equal("relay </script> & co", embedded.GetProperty("title").GetString());
    }

    [Fact]
    public void Generators_merge_into_one_run_by_adding_histograms_counts_and_their_own_cores()
    {
        var logPath = Path.Combine(Directory.CreateTempSubdirectory("loadtool-merge").FullName, "merged.hlog");

        var merged = ReportMerge.Merge("merged", [Generator("g1", 1_000, 900, 0.2), Generator("g2", 80_000, 100, 0.3)], logPath);

        Assert.Equal(2, merged.Generators);
        Assert.Equal(1000, merged.Delivery!.Count);
        Assert.InRange(merged.Delivery.P50, 0.99, 1.01);
        Assert.InRange(merged.Delivery.P99, 79.9, 80.1); // the slow generator's tail
        var second = Assert.Single(merged.Timeline);
        Assert.Equal((1000L, 1000L, 2L), (second.Sent, second.Arrived, second.Errors));
        Assert.InRange(second.DeliveryP99Ms!.Value, 79.9, 80.1);
        Assert.Equal(0.5, second.Cores!.Single(c => c.Name == "load tool").Cores, 6);
        Assert.Equal(1.3, second.Cores!.Single(c => c.Name == "dotnet 42").Cores, 6);
        Assert.Equal(1000, merged.Summary!.Value.GetProperty("sentInWindow").GetDouble());
        Assert.Equal("10 pairs", merged.Summary!.Value.GetProperty("load").GetString());
        Assert.Equal(1000, HistogramLog.Sum(HistogramLog.Read(logPath), "delivery-window").TotalCount);
    }

    [Fact]
    public void Progress_lines_for_logs_carry_the_seconds_figures_and_no_terminal_codes()
    {
        var rows = new[] { Second(3, 480, 470, 0, 4.0), Second(4, 500, 505, 2, 9.0) };

        var line = LoadTests.Progress.ProgressSample.From(4, rows, 250, 1, [new ProcessCores("load tool", 0.4)]).PlainLine("chat");

        Assert.Equal("chat:    4 s window  sent 500/s  arrived 505/s  p50 2.00 ms  p99 4.00 ms  errors 2  250 senders, 1 lost  cores: load tool 0.40", line);
        Assert.DoesNotContain('\u001b', line);
    }
}
