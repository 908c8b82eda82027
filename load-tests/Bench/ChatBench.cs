using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// <c>bench chat</c>: the product's chat path. A fresh database and one silo, then the <see cref="StandardProfile"/> of
/// <c>chat</c> against it, each run followed by the durability check in the store: every visitor message acknowledged
/// during the run must be a row.
/// </summary>
internal static class ChatBench
{
    private const string VisitorMessages = "SELECT count(*) FROM engagement.session_message WHERE kind = 0 AND sender_role = 0";

    public static Command Create(BenchSetupOptions setupOptions)
    {
        var profile = new StandardProfile();
        var command = new Command("chat", "The chat path on one silo and a fresh database: a max-throughput run, then an open-loop run, each checked for durability.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        profile.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var setup = setupOptions.Read(parse);
            var port = BenchPorts.Chat(setup.EngagePort);
            var runs = profile.Runs(parse).Select(run => (run.Label, Run: new MeasuringRun(
                ["chat", "--url", $"http://127.0.0.1:{port}/", .. run.Rate, .. parse.UnmatchedTokens, "--summary-file", setup.Out($"chat-{run.Label}.json"),
                .. BenchSetup.Report(parse.UnmatchedTokens, setup.Out($"chat-{run.Label}.report.json"))]).Validated())).ToList();
            BenchPorts.RequireFree("ENGAGE_BENCH_PORT", port);

            var database = new BenchDatabase(setup.Server, "engagement_bench");
            await database.RecreateAsync(ct);
            await using var silos = new BenchSilos(setup, database);
            var silo = await silos.StartAsync($"bench-{port}", port, "silo.log");
            // The servers' CPU counts as the benchmark's own (PostgreSQL's backends are children of the postmaster).
            string[] servers = ["--server-pid", silo.ProcessId.ToString(CultureInfo.InvariantCulture), (await database.ServerProcessIdAsync(ct)).ToString(CultureInfo.InvariantCulture)];
            foreach (var (label, run) in runs)
            {
                var before = await database.CountAsync(VisitorMessages, ct);
                BenchLog.Info($"chat {label} run");
                var exit = await new MeasuringRun([.. run.Arguments, .. servers]).RunAsync(MeasuringRun.LightGenerator, ct);
                if (exit != 0) throw new InvalidOperationException($"chat {label} run failed");
                var stored = await database.CountAsync(VisitorMessages, ct) - before;
                var acknowledged = await AcknowledgedAsync(setup.Out($"chat-{label}.json"), ct);
                Console.WriteLine($"durability: {stored} visitor messages stored in PostgreSQL during this run, {acknowledged} acknowledged to visitors " +
                    $"({(stored >= acknowledged ? "ok" : "MISSING ROWS")})");
            }
            BenchLog.Info($"results (JSON) in {BenchSetup.Shown(setup.Out(""))}");
            return 0;
        });
        return command;
    }

    /// <summary>Acknowledgements the visitors received in the whole run, warm-up included (the summary's acknowledgedTotal).</summary>
    private static async Task<long> AcknowledgedAsync(string summary, CancellationToken ct)
    {
        await using var file = File.OpenRead(summary);
        using var json = await JsonDocument.ParseAsync(file, cancellationToken: ct);
        return json.RootElement.GetProperty("acknowledgedTotal").GetInt64();
    }
}
