using System.Text.Json;
using Engagement.LoadTests.Bench;
using Engagement.LoadTests.Measurement;
using Engagement.LoadTests.Reporting;

namespace Engagement.UnitTests.LoadTool;

/// <summary>The one report of <c>bench all</c>: every fresh result, chat beside the relay, and what is missing.</summary>
public class CombinedReportTests
{
    private static async Task RunReport(string folder, string name, double p99, double deliveredPerSecond)
    {
        var micros = HistogramLog.NewMicros();
        micros.RecordValueWithCount((long)(p99 * 1000), 100);
        var summary = JsonSerializer.SerializeToElement(new { deliveredPerSecond });
        var run = new ReportRun(name, name.Split('-')[0], summary, ReportRuns.Summary(micros), ReportRuns.Summary(micros), ReportRuns.Buckets(micros), [], null);
        await new LoadReport(DateTimeOffset.UtcNow, name, [run]).WriteAsync(Path.Combine(folder, $"{name}.report.json"));
    }

    [Fact]
    public async Task It_holds_every_fresh_result_compares_chat_with_the_relay_and_names_what_is_missing()
    {
        var folder = Directory.CreateTempSubdirectory("loadtool-all").FullName;
        var since = DateTime.UtcNow.AddSeconds(-1);
        await RunReport(folder, "relay-rate", 2.0, 5000);
        await RunReport(folder, "chat-rate", 3.0, 4000);
        await File.WriteAllTextAsync(Path.Combine(folder, "context.json"),
            """{ "sessions": 20, "signalToScreen": { "count": 7, "p50": 1.5, "p90": 2, "p99": 4.25, "p999": 5, "max": 5 } }""");

        var report = CombinedReport.Collect(new BenchSetup(null, null, null, folder, null), ["relay", "chat", "context", "directory"], since);

        Assert.Equal(["relay-rate", "chat-rate", "context"], report.Runs.Select(r => r.Name));
        Assert.Equal(4.25, report.Runs[2].Delivery!.P99);
        Assert.Contains(report.Notes!, n => n.StartsWith("rate run: chat p99 3.0 ms against the relay's 2.0 ms (1.5×", StringComparison.Ordinal) && n.Contains("80%"));
        Assert.Contains(report.Notes!, n => n.Contains("No result from: directory"));
    }

    [Fact]
    public async Task Results_older_than_the_set_are_left_out()
    {
        var folder = Directory.CreateTempSubdirectory("loadtool-all").FullName;
        await RunReport(folder, "relay-rate", 2.0, 5000);

        var report = CombinedReport.Collect(new BenchSetup(null, null, null, folder, null), ["relay"], DateTime.UtcNow.AddMinutes(1));

        Assert.Empty(report.Runs);
    }
}
