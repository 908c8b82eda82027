using Engagement.LoadTests.Chat;
using Engagement.LoadTests.Context;
using Engagement.LoadTests.Measurement;
using Engagement.LoadTests.Progress;
using Engagement.LoadTests.Reporting;
using Engagement.LoadTests.TeamDirectory;

namespace Engagement.LoadTests.Scenario;

/// <summary>
/// One scenario: every part's run started together (ChatRun, ContextRun, SiteVisitorsRun, DirectoryRun, each setting up
/// its own queue, agents and visitors), each printing its figures when it ends. A part that fails does not stop the
/// others. The report holds the chat part's timeline and plots and the other parts' figures.
/// </summary>
internal sealed class ScenarioRun(
    ScenarioFile scenario, Uri url, string? apiKey, string adminEmail, string adminPassword, ProgressMode progress, IReadOnlyList<int> serverPids)
{
    public async Task<(LoadReport Report, IReadOnlyList<string> Failed)> RunAsync(string reportPath, CancellationToken ct)
    {
        string PartFile(string part) => Path.Combine(Path.GetDirectoryName(reportPath)!, $"{Path.GetFileNameWithoutExtension(reportPath)}-{part}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
        var warmup = TimeSpan.FromSeconds(scenario.Warmup);
        var parts = new List<(string Name, Task Run)>();
        if (scenario.Chat is { } chat) parts.Add(("chat", ChatAsync(chat, warmup, PartFile("chat"), ct)));
        if (scenario.Context is { } context) parts.Add(("context", ContextAsync(context, warmup, PartFile("context"), ct)));
        if (scenario.SiteVisitors is { } site) parts.Add(("site-visitors", SiteVisitorsAsync(site, warmup, PartFile("site-visitors"), ct)));
        if (scenario.Directory is { } directory) parts.Add(("directory", DirectoryAsync(directory, PartFile("directory"), ct)));

        var failed = new List<string>();
        foreach (var (name, run) in parts)
        {
            try { await run; }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Console.Error.WriteLine($"scenario: the {name} part failed: {ex.GetBaseException().Message}");
                failed.Add(name);
            }
        }

        var runs = new List<ReportRun>();
        foreach (var (name, _) in parts.Where(p => !failed.Contains(p.Name)))
            runs.AddRange(name == "chat" ? LoadReport.Read(PartFile("chat")).Runs : [ReportRuns.FromSummary($"{scenario.Name}-{name}", name, PartFile(name))]);
        var report = new LoadReport(DateTimeOffset.UtcNow, $"Scenario {scenario.Name}", runs,
            failed.Count > 0 ? [$"Failed parts: {string.Join(", ", failed)}"] : null);
        await report.WriteAsync(reportPath);
        return (report, failed);
    }

    private async Task ChatAsync(ChatPart part, TimeSpan warmup, string report, CancellationToken ct)
    {
        var schedule = part.Schedule();
        var agents = (part.Conversations + part.Capacity - 1) / part.Capacity;
        var profile = new LoadProfile(schedule.PeakRate, warmup, schedule.Length, 4, 1000, part.Size, TimeSpan.FromSeconds(10), serverPids,
            ReportFile: report, Progress: progress, Schedule: schedule);
        var settings = new ChatSettings(url, part.Conversations, agents, part.Capacity, adminEmail, adminPassword, TimeSpan.FromSeconds(180));
        var result = await new ChatRun(settings, profile, $"scenario {scenario.Name}: chat").RunAsync(ct);
        ResultReport.Print(result, Console.Out);
    }

    private async Task ContextAsync(ContextPart part, TimeSpan warmup, string summary, CancellationToken ct)
    {
        var schedule = part.Schedule();
        var settings = new ContextSettings(url, apiKey!, part.Sessions, part.Capacity, (int)Math.Ceiling(schedule.PeakRate), schedule.Length, warmup,
            part.HttpConnections, adminEmail, adminPassword, schedule);
        var result = await new ContextRun(settings).RunAsync(ct);
        result.Print(Console.Out);
        await result.WriteJsonAsync(summary);
    }

    private async Task SiteVisitorsAsync(SiteVisitorsPart part, TimeSpan warmup, string summary, CancellationToken ct)
    {
        var schedule = part.Schedule();
        var settings = new SiteVisitorsSettings(url, part.Visitors, part.Watchers, Math.Min(part.SampledWatchers, part.Watchers),
            (int)Math.Ceiling(schedule.PeakRate), schedule.Length, warmup, adminEmail, adminPassword, schedule);
        var result = await new SiteVisitorsRun(settings).RunAsync(ct);
        result.Print(Console.Out);
        await result.WriteJsonAsync(summary);
    }

    private async Task DirectoryAsync(DirectoryPart part, string summary, CancellationToken ct)
    {
        var result = await new DirectoryRun([url], part.Watchers, part.Flips, TimeSpan.FromMilliseconds(part.IntervalMs), adminEmail, adminPassword).RunAsync(ct);
        Console.WriteLine(result.Table());
        await result.WriteJsonAsync(summary);
    }
}
