using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// <c>bench scenario --file F</c>: a fresh database, one silo with an ingestion API key made for this run (for a
/// context part), then <c>scenario</c> against it; the report goes to the output folder (scenario.json, .html).
/// </summary>
internal static class ScenarioBench
{
    public static Command Create(BenchSetupOptions setupOptions)
    {
        var command = new Command("scenario", "A scenario file's mix of chat, context, site visitors and directory watchers, on one silo and a fresh database.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, ct) =>
        {
            var setup = setupOptions.Read(parse);
            var port = BenchPorts.Context(setup.EngagePort);
            var key = "bench-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            var report = setup.Out("scenario.json");
            var run = new MeasuringRun(["scenario", "--url", $"http://127.0.0.1:{port}/", "--api-key", key,
                .. BenchSetup.Report(parse.UnmatchedTokens, report), .. parse.UnmatchedTokens]).Validated();
            BenchPorts.RequireFree("ENGAGE_BENCH_CONTEXT_PORT", port);

            var database = new BenchDatabase(setup.Server, "engagement_scenario_bench");
            await database.RecreateAsync(ct);
            await using var silos = new BenchSilos(setup, database);
            var silo = await silos.StartAsync($"bench-scenario-{port}", port, "scenario-silo.log", new Dictionary<string, string?>
            {
                ["Engagement__Ingestion__ApiKeys__0__Name"] = "bench",
                ["Engagement__Ingestion__ApiKeys__0__Key"] = key,
            });
            string[] servers = ["--server-pid", silo.ProcessId.ToString(CultureInfo.InvariantCulture), (await database.ServerProcessIdAsync(ct)).ToString(CultureInfo.InvariantCulture)];
            return await new MeasuringRun([.. run.Arguments, .. servers]).RunAsync(MeasuringRun.LightGenerator, ct);
        });
        return command;
    }
}
