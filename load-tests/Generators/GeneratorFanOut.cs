using System.Globalization;
using Engagement.LoadTests.Bench;
using Engagement.LoadTests.Cluster;
using Engagement.LoadTests.Reporting;

namespace Engagement.LoadTests.Generators;

/// <summary>
/// <c>--generators N</c>: the run's load shared by N processes of this tool (one load generator process stops scaling
/// well before a server does, and its pacer starves first). Each writes its report and HdrHistogram log; this process
/// waits for them and merges them into one result (<see cref="ReportMerge"/>). Generator 1 writes to the terminal
/// (its progress and table), the others to log files beside their reports.
/// </summary>
internal sealed class GeneratorFanOut(string command, int generators, string? reportPath, string? summaryPath)
{
    public async Task<int> RunAsync(Func<int, string, string, string[]> argumentsOf, CancellationToken ct)
    {
        var name = reportPath is null ? command : Path.GetFileNameWithoutExtension(reportPath);
        var folder = reportPath is null
            ? Path.Combine(Path.GetTempPath(), $"engage-generators-{Environment.ProcessId}")
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(reportPath))!, name + ".generators");
        Directory.CreateDirectory(folder);
        var tool = typeof(GeneratorFanOut).Assembly.Location;
        var reports = new List<string>();
        var children = new List<ChildProcess>();
        List<string> failed;
        try
        {
            for (var i = 0; i < generators; i++)
            {
                var id = (i + 1).ToString(CultureInfo.InvariantCulture);
                var report = Path.Combine(folder, $"g{id}.json");
                reports.Add(report);
                string[] args = [tool, .. argumentsOf(i, report, Path.Combine(folder, $"g{id}.summary.json"))];
                children.Add(i == 0
                    ? await ChildProcess.StartAttachedAsync($"generator-{id}", "dotnet", args, MeasuringRun.LightGenerator)
                    : await ChildProcess.StartAsync($"generator-{id}", "dotnet", args, MeasuringRun.LightGenerator, Path.Combine(folder, $"g{id}.log")));
            }
            Console.Error.WriteLine($"{command}: {generators} generator processes (logs and reports in {folder})");
            await Task.WhenAll(children.Select(c => c.WaitForExitAsync(Timeout.InfiniteTimeSpan))).WaitAsync(ct);
            failed = children.Where(c => c.ExitCode != 0).Select(c => c.Name).ToList();
        }
        catch (OperationCanceledException)
        {
            await Task.WhenAll(children.Select(c => c.TerminateAsync(TimeSpan.FromSeconds(30))));
            throw;
        }
        finally
        {
            foreach (var child in children) await child.DisposeAsync();
        }
        if (failed.Count > 0) throw new InvalidOperationException($"{string.Join(", ", failed)} failed (see the logs in {folder})");

        var merged = await ReportMerge.MergeFilesAsync(reports, reportPath ?? Path.Combine(folder, $"{name}.json"));
        Print(merged);
        if (summaryPath is not null && merged.Summary is { } summary)
            await File.WriteAllTextAsync(summaryPath, System.Text.Json.JsonSerializer.Serialize(summary, LoadReport.Json), ct);
        return 0;
    }

    private void Print(ReportRun merged)
    {
        Console.WriteLine();
        Console.WriteLine($"{command} — {merged.Generators} generators merged (HdrHistograms added)");
        if (merged.Summary is { } s)
        {
            foreach (var key in new[] { "sentInWindow", "deliveredInWindow", "deliveredPerSecond", "errors", "shed", "missing", "duplicates", "outOfOrder", "connectionsLost" })
                if (s.TryGetProperty(key, out var v)) Console.WriteLine($"  {key,-22}{v}");
        }
        Console.WriteLine($"  delivery latency ms   {merged.Delivery}");
        Console.WriteLine($"  ack latency ms        {merged.Ack}");
        if (reportPath is not null) Console.WriteLine($"  report                {Path.ChangeExtension(reportPath, ".html")}");
    }
}
