using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Engagement.LoadTests.Cluster;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// <c>bench telemetry</c>: what telemetry costs the chat path (issue 13: at most 5 % of throughput). The chat's
/// max-throughput run against one silo at a time in three set-ups: telemetry off;
/// metrics, with a scraper reading them every <see cref="ScrapeInterval"/> (harsher than Prometheus' default 15 s);
/// and metrics with traces sampled at <c>--sampling</c>, exported over OTLP to a sink in this process
/// (<see cref="OtlpSink"/>). Each run has a fresh database (a transcript table that grows run after run would favour the
/// first), and rounds run the set-ups in turn, every other round backwards, so a machine that drifts weighs on each alike.
/// </summary>
internal static class TelemetryBench
{
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(5);

    public static Command Create(BenchSetupOptions setupOptions)
    {
        var rounds = new Option<int>("--rounds") { Description = "Rounds of three runs (off, metrics, metrics and traces)", DefaultValueFactory = _ => 2 };
        var sampling = new Option<double>("--sampling") { Description = "With telemetry on: the share of traces recorded (Engagement:Telemetry:Tracing:SamplingRatio)", DefaultValueFactory = _ => 1.0 };
        var command = new Command("telemetry", "Chat throughput and p99 with telemetry off, with metrics, and with metrics and traces, alternated, one silo at a time; prints the cost.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Options.Add(rounds);
        command.Options.Add(sampling);
        command.SetAction(async (parse, ct) =>
        {
            var setup = setupOptions.Read(parse);
            var port = BenchPorts.Chat(setup.EngagePort);
            BenchPorts.RequireFree("ENGAGE_BENCH_PORT", port);
            var database = new BenchDatabase(setup.Server, "engagement_bench");

            var setUps = new[] { new SetUp("off", false, null), new SetUp("metrics", true, null), new SetUp("metrics+traces", true, parse.GetValue(sampling)) };
            var results = new List<(int Round, SetUp SetUp, JsonElement Summary)>();
            for (var round = 1; round <= Math.Max(1, parse.GetValue(rounds)); round++)
            {
                foreach (var setUp in round % 2 == 1 ? setUps : setUps.Reverse())
                {
                    var label = $"telemetry-{setUp.Name.Replace('+', '-')}-{round}";
                    var run = new MeasuringRun(["chat", "--url", $"http://127.0.0.1:{port}/", "--rate", "0", .. parse.UnmatchedTokens,
                        "--summary-file", setup.Out($"{label}.json")]).Validated();
                    results.Add((round, setUp, await RunAsync(setup, database, port, setUp, label, run, ct)));
                }
            }
            Print(results);
            BenchLog.Info($"results (JSON) in {BenchSetup.Shown(setup.Out(""))}");
            return 0;
        });
        return command;
    }

    /// <summary>One way of running the silo: <paramref name="Sampling"/> null means no traces.</summary>
    private sealed record SetUp(string Name, bool Metrics, double? Sampling);

    private static async Task<JsonElement> RunAsync(BenchSetup setup, BenchDatabase database, int port, SetUp setUp, string label, MeasuringRun run, CancellationToken ct)
    {
        var on = setUp.Metrics;
        await database.RecreateAsync(ct);
        var managementPort = FreePorts.One();
        await using var sink = setUp.Sampling is not null ? OtlpSink.Start() : null;
        var settings = new Dictionary<string, string?>();
        if (on)
        {
            settings["Engagement__Telemetry__Enabled"] = "true";
            settings["Engagement__Telemetry__ManagementPort"] = managementPort.ToString(CultureInfo.InvariantCulture);
        }
        if (sink is not null)
        {
            settings["Engagement__Telemetry__Tracing__Enabled"] = "true";
            settings["Engagement__Telemetry__Tracing__SamplingRatio"] = setUp.Sampling!.Value.ToString(CultureInfo.InvariantCulture);
            settings["Engagement__Telemetry__Tracing__OtlpEndpoint"] = sink.Endpoint;
            settings["Engagement__Telemetry__Tracing__OtlpProtocol"] = "HttpProtobuf";
        }
        await using (var silos = new BenchSilos(setup, database))
        {
            var silo = await silos.StartAsync($"bench-{label}", port, $"{label}.log", settings);
            using var scraping = new CancellationTokenSource();
            var scraper = on ? ScrapeAsync(managementPort, scraping.Token) : Task.FromResult(0);
            BenchLog.Info($"chat max run, telemetry: {setUp.Name}");
            var exit = await new MeasuringRun([.. run.Arguments, "--server-pid", silo.ProcessId.ToString(CultureInfo.InvariantCulture),
                (await database.ServerProcessIdAsync(ct)).ToString(CultureInfo.InvariantCulture)]).RunAsync(MeasuringRun.LightGenerator, ct);
            await scraping.CancelAsync();
            var scrapes = await scraper;
            if (exit != 0) throw new InvalidOperationException($"{label} run failed");
            if (on && scrapes == 0) throw new InvalidOperationException($"{label}: the metrics endpoint was never scraped");
            if (on) BenchLog.Info($"{scrapes} scrapes of the metrics endpoint" + (sink is null ? "" : $"; {sink.Exports:N0} span exports, {sink.Bytes / 1024.0 / 1024:F1} MiB"));
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

    private static void Print(List<(int Round, SetUp SetUp, JsonElement Summary)> results)
    {
        Console.WriteLine();
        Console.WriteLine("| round | telemetry | delivered msg/s | delivery p50 / p99 ms | ack p99 ms | CPU µs/msg (silo, PostgreSQL, load tool) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (round, setUp, s) in results)
            Console.WriteLine($"| {round} | {setUp.Name} | {Rate(s):N0} | {P(s, "delivery", "p50")} / {P(s, "delivery", "p99")} | {P(s, "ack", "p99")} | {Cpu(s):F0} |");
        Console.WriteLine();
        var byName = results.GroupBy(r => r.SetUp.Name).ToDictionary(g => g.Key, g => (Rate: g.Average(r => Rate(r.Summary)), Cpu: g.Average(r => Cpu(r.Summary))));
        var off = byName["off"];
        foreach (var (name, mean) in byName)
        {
            // CPU per message moves less than throughput when other work shares the machine: both are shown.
            var against = name == "off" ? "" : $"; against off: throughput {mean.Rate / off.Rate - 1:+0.0%;-0.0%}, CPU per message {mean.Cpu / off.Cpu - 1:+0.0%;-0.0%}";
            Console.WriteLine($"{name}: mean {mean.Rate:N0} msg/s, {mean.Cpu:F0} µs CPU per message{against}");
        }
        Console.WriteLine("goal (issue 13): telemetry costs at most 5 % of throughput");
    }

    private static double Cpu(JsonElement summary) => summary.GetProperty("cpuMicrosecondsPerMessage").GetDouble();

    private static double Rate(JsonElement summary) => summary.GetProperty("deliveredPerSecond").GetDouble();

    private static string P(JsonElement summary, string latency, string percentile) =>
        summary.GetProperty(latency).GetProperty(percentile).GetDouble().ToString("F1", CultureInfo.InvariantCulture);
}
