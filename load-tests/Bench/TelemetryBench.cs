using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Engagement.LoadTests.Cluster;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// <c>bench telemetry</c>: what telemetry costs the chat path (issue 13: at most 5 % of throughput). The chat's
/// max-throughput run against one silo with telemetry off and one with it on, alternated in rounds (off, on, then
/// on, off: a machine that drifts during the run weighs on both alike), each silo fresh on the same database. "On"
/// is what an operator runs: the metrics with a scraper reading them every <see cref="ScrapeInterval"/> (harsher than
/// Prometheus' default 15 s).
/// </summary>
internal static class TelemetryBench
{
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(5);

    public static Command Create(BenchSetupOptions setupOptions)
    {
        var rounds = new Option<int>("--rounds") { Description = "Rounds of two runs (telemetry off and on)", DefaultValueFactory = _ => 2 };
        var command = new Command("telemetry", "Chat throughput and p99 with telemetry off and on, alternated on one silo at a time; prints the cost.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Options.Add(rounds);
        command.SetAction(async (parse, ct) =>
        {
            var setup = setupOptions.Read(parse);
            var port = BenchPorts.Chat(setup.EngagePort);
            BenchPorts.RequireFree("ENGAGE_BENCH_PORT", port);
            var database = new BenchDatabase(setup.Server, "engagement_bench");
            await database.RecreateAsync(ct);

            var results = new List<(int Round, bool On, JsonElement Summary)>();
            for (var round = 1; round <= Math.Max(1, parse.GetValue(rounds)); round++)
            {
                foreach (var on in round % 2 == 1 ? new[] { false, true } : [true, false])
                {
                    var label = $"telemetry-{(on ? "on" : "off")}-{round}";
                    var run = new MeasuringRun(["chat", "--url", $"http://127.0.0.1:{port}/", "--rate", "0", .. parse.UnmatchedTokens,
                        "--summary-file", setup.Out($"{label}.json")]).Validated();
                    results.Add((round, on, await RunAsync(setup, database, port, on, label, run, ct)));
                }
            }
            Print(results);
            BenchLog.Info($"results (JSON) in {BenchSetup.Shown(setup.Out(""))}");
            return 0;
        });
        return command;
    }

    private static async Task<JsonElement> RunAsync(BenchSetup setup, BenchDatabase database, int port, bool on, string label, MeasuringRun run, CancellationToken ct)
    {
        var managementPort = FreePorts.One();
        var settings = new Dictionary<string, string?>();
        if (on)
        {
            settings["Engagement__Telemetry__Enabled"] = "true";
            settings["Engagement__Telemetry__ManagementPort"] = managementPort.ToString(CultureInfo.InvariantCulture);
        }
        await using (var silos = new BenchSilos(setup, database))
        {
            var silo = await silos.StartAsync($"bench-{label}", port, $"{label}.log", settings);
            using var scraping = new CancellationTokenSource();
            var scraper = on ? ScrapeAsync(managementPort, scraping.Token) : Task.FromResult(0);
            BenchLog.Info($"chat max run, telemetry {(on ? "on" : "off")}");
            var exit = await new MeasuringRun([.. run.Arguments, "--server-pid", silo.ProcessId.ToString(CultureInfo.InvariantCulture),
                (await database.ServerProcessIdAsync(ct)).ToString(CultureInfo.InvariantCulture)]).RunAsync(MeasuringRun.LightGenerator, ct);
            await scraping.CancelAsync();
            var scrapes = await scraper;
            if (exit != 0) throw new InvalidOperationException($"{label} run failed");
            if (on && scrapes == 0) throw new InvalidOperationException($"{label}: the metrics endpoint was never scraped");
            if (on) BenchLog.Info($"{scrapes} scrapes of the metrics endpoint during the run");
        }
        await using var file = File.OpenRead(setup.Out($"{label}.json"));
        using var json = await JsonDocument.ParseAsync(file, cancellationToken: ct);
        return json.RootElement.Clone();
    }

    /// <summary>Reads the scrape endpoint as Prometheus would, whole; the number of scrapes that answered 200.</summary>
    private static async Task<int> ScrapeAsync(int managementPort, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var scrapes = 0;
        try
        {
            while (true)
            {
                await Task.Delay(ScrapeInterval, ct);
                using var response = await http.GetAsync($"http://127.0.0.1:{managementPort}/metrics", ct);
                await response.Content.ReadAsByteArrayAsync(ct);
                if (response.IsSuccessStatusCode) scrapes++;
            }
        }
        catch (OperationCanceledException)
        {
            return scrapes;
        }
    }

    private static void Print(List<(int Round, bool On, JsonElement Summary)> results)
    {
        Console.WriteLine();
        Console.WriteLine("| round | telemetry | delivered msg/s | delivery p50 / p99 ms | ack p99 ms | CPU µs/msg (silo, PostgreSQL, load tool) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (round, on, s) in results)
            Console.WriteLine($"| {round} | {(on ? "on" : "off")} | {Rate(s):N0} | {P(s, "delivery", "p50")} / {P(s, "delivery", "p99")} | {P(s, "ack", "p99")} | {Cpu(s):F0} |");
        var off = results.Where(r => !r.On).Select(r => Rate(r.Summary)).ToList();
        var with = results.Where(r => r.On).Select(r => Rate(r.Summary)).ToList();
        var cost = 1 - with.Average() / off.Average();
        var cpuOff = results.Where(r => !r.On).Average(r => Cpu(r.Summary));
        var cpuOn = results.Where(r => r.On).Average(r => Cpu(r.Summary));
        Console.WriteLine();
        Console.WriteLine($"mean delivered msg/s: off {off.Average():N0}, on {with.Average():N0}; telemetry costs {cost:P1} of throughput (goal: at most 5 %)");
        // CPU per message moves less than throughput when other work shares the machine.
        Console.WriteLine($"mean CPU per message: off {cpuOff:F0} µs, on {cpuOn:F0} µs ({cpuOn / cpuOff - 1:+0.0%;-0.0%})");
    }

    private static double Cpu(JsonElement summary) => summary.GetProperty("cpuMicrosecondsPerMessage").GetDouble();

    private static double Rate(JsonElement summary) => summary.GetProperty("deliveredPerSecond").GetDouble();

    private static string P(JsonElement summary, string latency, string percentile) =>
        summary.GetProperty(latency).GetProperty(percentile).GetDouble().ToString("F1", CultureInfo.InvariantCulture);
}
