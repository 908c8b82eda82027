using System.CommandLine;
using System.Globalization;
using System.Net;
using Engagement.LoadTests.Api;
using Engagement.LoadTests.Conversations;
using Npgsql;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// <c>bench search</c>: GET /api/search over N stored messages (docs/benchmarks.md, "Conversations"). The messages are
/// generated straight into PostgreSQL (<see cref="SearchData"/>) in a database of their own that is kept between runs
/// (a rerun of the same size reuses it; <c>--regenerate</c> makes it anew), then a fixed mix of searches
/// (<see cref="SearchMix"/>) runs closed-loop at a modest concurrency as an admin and as an agent of one queue, and the
/// anchor, the same number of round trips to GET /api/directory, in the same run.
/// </summary>
internal static class SearchBench
{
    private const string DatabaseName = "engagement_bench_search";
    private const string AgentEmail = "search-agent@bench.local";
    private const string AgentPassword = "search-agent-password";

    public static Command Create(BenchSetupOptions setupOptions)
    {
        var messages = new Option<long>("--messages") { Description = "Stored messages to search", DefaultValueFactory = _ => 1_000_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Searches in flight at once (closed loop)", DefaultValueFactory = _ => 4 };
        var duration = new Option<double>("--duration") { Description = "Measured seconds of searching", DefaultValueFactory = _ => 30 };
        var warmup = new Option<double>("--warmup") { Description = "Seconds of the same searches first, not recorded", DefaultValueFactory = _ => 5 };
        var regenerate = new Option<bool>("--regenerate") { Description = "Generate the messages anew even if a previous run left them" };
        var command = new Command("search", "GET /api/search over N generated stored messages (kept between runs), against GET /api/directory as the anchor.")
        {
            messages, concurrency, duration, warmup, regenerate,
        };
        command.SetAction(async (parse, ct) =>
        {
            var setup = setupOptions.Read(parse);
            var port = BenchPorts.Chat(setup.EngagePort);
            BenchPorts.RequireFree("ENGAGE_BENCH_PORT", port);
            var database = new BenchDatabase(setup.Server, DatabaseName);
            await CreateIfMissingAsync(setup.Server, ct);
            await using var silos = new BenchSilos(setup, database);
            var silo = await silos.StartAsync($"bench-search-{port}", port, "search-silo.log");
            int[] servers = [silo.ProcessId, await database.ServerProcessIdAsync(ct)];

            var words = new ZipfWords();
            var data = new SearchData(database.ConnectionString, words, Console.Error);
            var n = parse.GetValue(messages);
            if (parse.GetValue(regenerate) || !await data.PresentAsync(n, ct))
            {
                var started = DateTime.UtcNow;
                await data.GenerateAsync(n, ct);
                BenchLog.Info($"search: generated in {(DateTime.UtcNow - started).TotalSeconds:F0} s (kept in database {DatabaseName} for the next run)");
            }
            else BenchLog.Info($"search: reusing the {n:N0} messages of database {DatabaseName} (--regenerate to make them anew)");

            using var admin = await StaffClient.SignInAsync(silo.BaseUrl, AdminOptions.DefaultEmail, AdminOptions.DefaultPassword, ct);
            foreach (var queue in SearchData.Queues)
                await admin.CallAsync(HttpMethod.Post, "/api/queues", new NewQueue(queue, queue), ct, HttpStatusCode.Conflict);
            var agentQueue = SearchData.Queues[1];
            await admin.CallAsync(HttpMethod.Post, "/api/agents", new NewAgent("search-agent", "Search Agent", AgentEmail, "Agent", null, 5, [agentQueue], null, AgentPassword),
                ct, HttpStatusCode.Conflict);
            using var agent = await StaffClient.SignInAsync(silo.BaseUrl, AgentEmail, AgentPassword, ct);

            var mix = new SearchMix(words);
            var run = new RoundTrips(parse.GetValue(concurrency));
            var loadBefore = BenchPrint.LoadAverage();
            BenchLog.Info($"search: {SearchMix.Kinds.Length} kinds of search, concurrency {parse.GetValue(concurrency)}, {parse.GetValue(duration)} s after {parse.GetValue(warmup)} s warm-up");
            var search = await run.RunAsync(async (i, token) =>
            {
                var request = mix.Next(i, SearchData.Queues);
                return (request.Kind, await (request.AsAgent ? agent : admin).GetAsync("/api/search?" + request.QueryString, token));
            }, TimeSpan.FromSeconds(parse.GetValue(warmup)), TimeSpan.FromSeconds(parse.GetValue(duration)), null, servers, ct);
            BenchLog.Info($"search: anchor, {search.Count:N0} round trips to GET /api/directory");
            var anchor = await run.RunAsync(async (_, token) => ("GET /api/directory (anchor)", await admin.GetAsync("/api/directory", token)),
                TimeSpan.FromSeconds(parse.GetValue(warmup)), null, search.Count, servers, ct);
            var loadAfter = BenchPrint.LoadAverage();

            Console.WriteLine($"search over {n:N0} stored messages, concurrency {parse.GetValue(concurrency)}; load average {loadBefore} → {loadAfter}");
            Console.WriteLine("| request | n | req/s | p50 / p95 / p99 / max ms | errors | cores ours / others |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var kind in SearchMix.Kinds.Where(search.Kinds.ContainsKey))
                Console.WriteLine($"| {kind} | {BenchPrint.N(search.Kinds[kind].Count)} | | {BenchPrint.Percentiles(search.Kinds[kind])} | {search.Errors.GetValueOrDefault(kind)} | |");
            var all = new Measurement.LatencyHistogram();
            foreach (var h in search.Kinds.Values) all.Raw.Add(h.Raw);
            Console.WriteLine($"| every search | {BenchPrint.N(all.Count)} | {BenchPrint.N(Math.Round(search.Count / search.Seconds, 1))} | {BenchPrint.Percentiles(all)} | {search.Errors.Values.Sum()} | {BenchPrint.Cores(search.Cpu)} |");
            foreach (var (kind, h) in anchor.Kinds)
                Console.WriteLine($"| {kind} | {BenchPrint.N(h.Count)} | {BenchPrint.N(Math.Round(anchor.Count / anchor.Seconds, 1))} | {BenchPrint.Percentiles(h)} | {anchor.Errors.GetValueOrDefault(kind)} | {BenchPrint.Cores(anchor.Cpu)} |");
            await BenchPrint.WriteJsonAsync(setup.Out("search.json"), new
            {
                messages = n, concurrency = parse.GetValue(concurrency), loadBefore, loadAfter,
                search = search.Kinds.ToDictionary(k => k.Key, k => BenchPrint.Figures(k.Value)), searchErrors = search.Errors, searchCpu = search.Cpu,
                anchor = anchor.Kinds.ToDictionary(k => k.Key, k => BenchPrint.Figures(k.Value)), anchorCpu = anchor.Cpu,
            });
            BenchLog.Info($"results (JSON) in {BenchSetup.Shown(setup.Out("search.json"))}");
            return 0;
        });
        return command;
    }

    private static async Task CreateIfMissingAsync(string server, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{DatabaseName}'", connection);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
    }
}
