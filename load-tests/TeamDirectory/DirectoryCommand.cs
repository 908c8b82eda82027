using System.CommandLine;
using Engagement.LoadTests.Api;

namespace Engagement.LoadTests.TeamDirectory;

/// <summary>
/// `directory --url A [--url B] --watchers N --flips F`: N visitor connections (spread over the given silos)
/// watch the representatives directory; one representative (or --burst K at once) flips between away and available F times; for every
/// flip and watcher, latency = when the watcher received the change − when the representative's SetStatus call
/// started, both on this process's clock. Reports percentiles and any change that never arrived.
/// </summary>
internal static class DirectoryCommand
{
    public static Command Create()
    {
        var urls = new Option<string[]>("--url") { Description = "Silo base URL; repeat for more silos (watchers are spread round-robin)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["http://127.0.0.1:5380/"] };
        var watchers = new Option<int>("--watchers") { Description = "Visitor connections watching the directory", DefaultValueFactory = _ => 1000 };
        var flips = new Option<int>("--flips") { Description = "Presence changes measured (after 2 warm-up flips)", DefaultValueFactory = _ => 30 };
        var interval = new Option<int>("--interval-ms") { Description = "Pause between flips", DefaultValueFactory = _ => 1000 };
        var burst = new Option<int>("--burst") { Description = "Representatives that change at the same moment on each flip", DefaultValueFactory = _ => 1 };
        var serverPids = new Option<int[]>("--server-pid") { Description = "Server process ids (children included) whose CPU is reported as the benchmark's own", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var admin = new AdminOptions();
        var summary = new Option<string?>("--summary") { Description = "Append a markdown table row to this file" };
        var summaryFile = new Option<string?>("--summary-file") { Description = "Write the figures as JSON here" };
        var command = new Command("directory", "Presence of one representative to N directory watchers.") { urls, watchers, flips, interval, burst, serverPids, summary, summaryFile };
        admin.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var run = new DirectoryRun(parse.GetValue(urls)!.Select(u => new Uri(u)).ToArray(), parse.GetValue(watchers), parse.GetValue(flips),
                Math.Max(1, parse.GetValue(burst)), TimeSpan.FromMilliseconds(parse.GetValue(interval)), parse.GetValue(admin.Email)!, parse.GetValue(admin.Password)!,
                parse.GetValue(serverPids) ?? []);
            var result = await run.RunAsync(ct);
            Console.WriteLine(result.Table());
            if (parse.GetValue(summary) is { } path) await File.AppendAllTextAsync(path, result.MarkdownRow() + Environment.NewLine, ct);
            if (parse.GetValue(summaryFile) is { } json) await result.WriteJsonAsync(json);
            return result.Lost == 0 ? 0 : 1;
        });
        return command;
    }
}
