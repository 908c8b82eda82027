using System.CommandLine;
using System.Security.Cryptography;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// <c>bench context</c> and <c>bench site-visitors</c>: a fresh database, one silo with an ingestion API key made for
/// this run, then the command of the same name against it.
/// </summary>
internal static class ContextBench
{
    public static Command Create(BenchSetupOptions setupOptions, string name, string description)
    {
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        command.SetAction(async (parse, ct) =>
        {
            var setup = setupOptions.Read(parse);
            var port = BenchPorts.Context(setup.EngagePort);
            var key = "bench-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            string[] keyArgument = name == "context" ? ["--api-key", key] : [];
            var summary = setup.Out($"{name}.json");
            var run = new MeasuringRun([name, "--url", $"http://127.0.0.1:{port}/", .. keyArgument, "--summary-file", summary, .. parse.UnmatchedTokens]).Validated();
            BenchPorts.RequireFree("ENGAGE_BENCH_CONTEXT_PORT", port);

            var database = new BenchDatabase(setup.Server, "engagement_context_bench");
            await database.RecreateAsync(ct);
            await using var silos = new BenchSilos(setup, database);
            await silos.StartAsync($"bench-context-{port}", port, "context-silo.log", new Dictionary<string, string?>
            {
                ["Engagement__Ingestion__ApiKeys__0__Name"] = "bench",
                ["Engagement__Ingestion__ApiKeys__0__Key"] = key,
            });
            var exit = await run.RunAsync(MeasuringRun.LightGenerator, ct);
            BenchLog.Info($"results (JSON) in {BenchSetup.Shown(summary)}");
            return exit;
        });
        return command;
    }
}
