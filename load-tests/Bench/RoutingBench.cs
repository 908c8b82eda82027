using System.CommandLine;
using System.Globalization;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// <c>bench routing</c>: a fresh database and one silo, then <c>routing</c> against it with the silo and PostgreSQL counted
/// as the benchmark's own CPU. The markdown row names the command as the user typed it.
/// </summary>
internal static class RoutingBench
{
    public static Command Create(BenchSetupOptions setupOptions)
    {
        var command = new Command("routing", "Routing under a backlog on one silo and a fresh database: assignments/s and offer latency after an agent frees up.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, ct) =>
        {
            var setup = setupOptions.Read(parse);
            var port = BenchPorts.Routing(setup.EngagePort);
            var summary = setup.Out("routing.json");
            string[] arguments = ["routing", "--url", $"http://127.0.0.1:{port}/", "--summary-file", summary, .. parse.UnmatchedTokens];
            new MeasuringRun(arguments).Validated();
            BenchPorts.RequireFree("ENGAGE_BENCH_ROUTING_PORT", port);

            var database = new BenchDatabase(setup.Server, "engagement_routing_bench");
            await database.RecreateAsync(ct);
            await using var silos = new BenchSilos(setup, database);
            var silo = await silos.StartAsync($"bench-routing-{port}", port, "routing-silo.log");
            string[] servers = ["--server-pid", silo.ProcessId.ToString(CultureInfo.InvariantCulture), (await database.ServerProcessIdAsync(ct)).ToString(CultureInfo.InvariantCulture)];
            var environment = new Dictionary<string, string?>(MeasuringRun.LightGenerator)
            {
                ["ENGAGE_BENCH_COMMAND"] = string.Join(' ', ["./engage bench routing", .. parse.UnmatchedTokens]).Trim(),
            };
            var exit = await new MeasuringRun([.. arguments, .. servers]).RunAsync(environment, ct);
            BenchLog.Info($"results (JSON) in {BenchSetup.Shown(summary)}; silo log {BenchSetup.Shown(setup.Out("routing-silo.log"))}");
            return exit;
        });
        return command;
    }
}
