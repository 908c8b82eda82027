using System.CommandLine;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// <c>bench directory</c>: a fresh database, N silos as in production on consecutive ports, then <c>directory</c>
/// against all of them (its watchers spread over the silos).
/// </summary>
internal static class DirectoryBench
{
    public static Command Create(BenchSetupOptions setupOptions)
    {
        var silos = new Option<int>("--silos") { Description = "Silos (1 to 9)", DefaultValueFactory = _ => 2 };
        silos.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 9) result.AddError("--silos is 1 to 9");
        });
        var command = new Command("directory", "Presence of one representative to N directory watchers, spread over silos on a fresh database.")
        {
            silos,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var setup = setupOptions.Read(parse);
            var first = BenchPorts.Directory(setup.EngagePort);
            var ports = Enumerable.Range(first, parse.GetValue(silos)).ToArray();
            var arguments = new List<string> { "directory" };
            arguments.AddRange(ports.SelectMany(p => new[] { "--url", $"http://127.0.0.1:{p}/" }));
            arguments.AddRange(parse.UnmatchedTokens);
            if (!parse.UnmatchedTokens.Contains("--summary-file")) arguments.AddRange(["--summary-file", setup.Out("directory.json")]);
            new MeasuringRun([.. arguments]).Validated();
            BenchPorts.RequireFree("ENGAGE_BENCH_PORT", ports);

            var database = new BenchDatabase(setup.Server, "engagement_bench_directory");
            await database.RecreateAsync(ct);
            await using var started = new BenchSilos(setup, database);
            var pids = new List<string>();
            for (var i = 0; i < ports.Length; i++)
                pids.Add((await started.StartAsync($"bench-directory-{i}", ports[i], $"directory-silo-{i}.log")).ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // The silos' CPU is the benchmark's own in the report; everything else on the machine is interference.
            var run = new MeasuringRun([.. arguments, "--server-pid", .. pids]);
            return await run.RunAsync(new Dictionary<string, string?>(), ct);
        });
        return command;
    }
}
