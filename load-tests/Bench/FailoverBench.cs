using System.CommandLine;
using Engagement.LoadTests.Cluster;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// <c>bench failover</c>: a fresh database, then <c>failover</c>, which starts the silos and HAProxy itself (it kills and
/// restarts them). The benchmark silos' settings reach those silos through its environment.
/// </summary>
internal static class FailoverBench
{
    public static Command Create(BenchSetupOptions setupOptions)
    {
        var command = new Command("failover", "Silos killed behind HAProxy under chat load, on a fresh database.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, ct) =>
        {
            var setup = setupOptions.Read(parse);
            var database = new BenchDatabase(setup.Server, "engagement_bench_failover");
            var logs = setup.Out($"failover-{DateTime.Now:yyyyMMdd-HHmmss}");
            var run = new MeasuringRun(["failover", "--pg", database.ConnectionString, "--silo-dll", setup.Silo,
                "--haproxy-config", Path.Combine(RepositoryRoot.Find(), "deploy", "haproxy", "engagement.cfg"),
                "--logs", logs, "--summary-file", Path.Combine(logs, "failover.json"), .. parse.UnmatchedTokens]).Validated();

            await database.RecreateAsync(ct);
            var exit = await run.RunAsync(BenchSilos.Settings(setup), ct);
            BenchLog.Info($"logs and results (JSON) in {BenchSetup.Shown(logs)}");
            return exit;
        });
        return command;
    }
}
