using System.CommandLine;
using Engagement.LoadTests.Api;
using Engagement.LoadTests.Progress;
using Engagement.LoadTests.Reporting;

namespace Engagement.LoadTests.Scenario;

/// <summary>
/// <c>scenario --url ... --file mixed.json</c>: the parts of a <see cref="ScenarioFile"/> at the same time against one
/// server, each by the run of its own command (chat, context, site-visitors, directory: no new clients), then one
/// report of them all. See <see cref="ScenarioRun"/>.
/// </summary>
internal static class ScenarioCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Silo base URL", DefaultValueFactory = _ => "http://127.0.0.1:5080/" };
        var file = new Option<string>("--file") { Description = "The scenario (JSON; load-tests/Scenario/examples/)", Required = true };
        var apiKey = new Option<string?>("--api-key") { Description = "An ingestion API key the silo accepts (needed by a context part)" };
        var report = new Option<string>("--report") { Description = "The report: this JSON file, the HTML and each part's files beside it", DefaultValueFactory = _ => "scenario.json" };
        var progress = new Option<ProgressMode>("--progress") { Description = "The chat part's second-by-second progress (Auto, Live, Plain, Off)", DefaultValueFactory = _ => ProgressMode.Auto };
        var servers = new Option<int[]>("--server-pid") { Description = "Server process ids (children included) whose cores the chat part's timeline shows", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var admin = new AdminOptions();
        var command = new Command("scenario", "Chat, context events, site visitors and presence watchers at once, as a scenario file says (rate profiles: ramp, steady, spike).")
        {
            url, file, apiKey, report, progress, servers,
        };
        admin.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var scenario = ScenarioFile.Load(parse.GetValue(file)!);
            if (scenario.Context is not null && parse.GetValue(apiKey) is null) throw new ArgumentException("the scenario has a context part: give --api-key");
            var run = new ScenarioRun(scenario, new Uri(parse.GetValue(url)!), parse.GetValue(apiKey), parse.GetValue(admin.Email)!, parse.GetValue(admin.Password)!,
                parse.GetValue(progress), parse.GetValue(servers) ?? []);
            var (result, failed) = await run.RunAsync(Path.GetFullPath(parse.GetValue(report)!), ct);
            Console.WriteLine($"scenario {scenario.Name}: report in {Path.ChangeExtension(parse.GetValue(report)!, ".html")}" +
                (failed.Count > 0 ? $"; failed parts: {string.Join(", ", failed)}" : ""));
            return failed.Count == 0 ? 0 : 1;
        });
        return command;
    }
}
