using System.CommandLine;
using System.Globalization;
using Engagement.LoadTests.Cluster;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// <c>bench relay</c>: the baseline. Starts this tool's relay-server (its own process, shipped runtime settings), runs
/// the <see cref="StandardProfile"/> of <c>relay</c> against it, and stops it.
/// </summary>
internal static class RelayBench
{
    public static Command Create(BenchSetupOptions setupOptions)
    {
        var profile = new StandardProfile();
        var command = new Command("relay", "The raw SignalR relay (baseline) against a relay-server started here: a max-throughput run, then an open-loop run.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        profile.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var setup = setupOptions.Read(parse);
            var port = BenchPorts.Relay;
            var url = $"http://127.0.0.1:{port}/relay";
            var runs = profile.Runs(parse).Select(run => (run.Label, Run: new MeasuringRun(
                ["relay", "--url", url, .. run.Rate, .. parse.UnmatchedTokens, "--summary-file", setup.Out($"relay-{run.Label}.json"),
                .. BenchSetup.Report(parse.UnmatchedTokens, setup.Out($"relay-{run.Label}.report.json"))]).Validated())).ToList();
            BenchPorts.RequireFree("ENGAGE_BENCH_RELAY_PORT", port);

            await using var server = await StartServerAsync(setup, port);
            foreach (var (label, run) in runs)
            {
                BenchLog.Info($"relay {label} run");
                var exit = await new MeasuringRun([.. run.Arguments, "--server-pid", server.Id.ToString(CultureInfo.InvariantCulture)]).RunAsync(MeasuringRun.LightGenerator, ct);
                if (exit != 0) throw new InvalidOperationException($"relay {label} run failed");
            }
            BenchLog.Info($"results (JSON) in {BenchSetup.Shown(setup.Out(""))}");
            return 0;
        });
        return command;
    }

    private static async Task<ChildProcess> StartServerAsync(BenchSetup setup, int port)
    {
        var log = setup.Out("relay-server.log");
        BenchLog.Info($"starting relay-server on 127.0.0.1:{port} (log: {BenchSetup.Shown(log)})");
        File.Delete(log);
        var tool = typeof(RelayBench).Assembly.Location;
        var server = await ChildProcess.StartAsync("relay-server", "dotnet", [tool, "relay-server", "--port", port.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string?>(), log);
        var deadline = DateTime.UtcNow + SiloProcess.StartTimeout;
        while (!BenchPorts.InUse(port))
        {
            if (server.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"relay-server did not start (see {BenchSetup.Shown(log)}):\n{server.LogTail(20)}");
            }
            await Task.Delay(200);
        }
        return server;
    }
}
