using System.CommandLine;
using Engagement.LoadTests.Hubs;
using Engagement.LoadTests.Measurement;
using Engagement.LoadTests.Reporting;

namespace Engagement.LoadTests.Relay;

/// <summary>
/// `relay --url ... --pairs P --rate R`: P pairs of client connections against relay-server; one side of each
/// pair sends, the other receives; latency is receive time minus send time on this process's clock.
/// </summary>
internal static class RelayCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Relay hub URL", DefaultValueFactory = _ => "http://127.0.0.1:5190/relay" };
        var pairs = new Option<int>("--pairs") { Description = "Sender/receiver connection pairs", DefaultValueFactory = _ => 500 };
        var load = new LoadOptions();
        var command = new Command("relay", "Load the raw relay hub (baseline).") { url, pairs };
        load.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (load.FanOut(parse, "relay", new Dictionary<string, int> { ["--pairs"] = parse.GetValue(pairs) }, [], cancellationToken) is { } generators)
                return await generators;
            var profile = load.Profile(parse);
            var result = await RunAsync(new Uri(parse.GetValue(url)!), parse.GetValue(pairs), profile,
                LoadOptions.Echo([.. parse.Tokens.Select(t => t.Value)]), cancellationToken);
            ResultReport.Print(result, Console.Out);
            if (parse.GetValue(load.SummaryFile) is { } path) await ResultReport.WriteSummaryAsync(result, path);
            return 0;
        });
        return command;
    }

    private static async Task<RunResult> RunAsync(Uri url, int pairCount, LoadProfile profile, string commandLine, CancellationToken cancellationToken)
    {
        if (pairCount < 1) throw new ArgumentException("--pairs must be at least 1");
        var machine = MachineInfo.Begin();
        var metrics = new LoadMetrics(new RunClock(profile.Warmup, profile.Duration));
        var pairs = Enumerable.Range(0, pairCount).Select(_ => new RelayPair(url, metrics)).ToList();
        try
        {
            Console.Error.WriteLine($"relay: connecting {pairCount} pairs to {url}");
            await HubConnections.ForEachAsync(pairs, 32, (pair, ct) => new ValueTask(pair.ConnectAsync(ct)), cancellationToken);
            Console.Error.WriteLine($"relay: {profile.Describe()} for {profile.Warmup.TotalSeconds:0} s warm-up + {profile.Duration.TotalSeconds:0} s");
            var drained = await new LoadDriver(pairs, profile, metrics, "relay").RunAsync(cancellationToken);

            var missing = pairs.Sum(p => p.Continuity.MissingUpTo(p.HighestAcked));
            var result = RunResult.From("relay", $"{pairCount} pairs", profile, metrics, drained,
                missing, pairs.Sum(p => p.Continuity.Duplicates), pairs.Sum(p => p.Continuity.OutOfOrder),
                machine.End(), commandLine);
            await ReportRuns.WriteAsync(profile.ReportFile, result, metrics);
            return result;
        }
        finally
        {
            await Task.WhenAll(pairs.Select(p => p.DisposeAsync().AsTask()));
        }
    }
}
