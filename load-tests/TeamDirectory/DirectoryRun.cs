using System.Diagnostics;
using System.Text.Json;
using Engagement.LoadTests.Api;
using Engagement.LoadTests.Measurement;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.LoadTests.TeamDirectory;

/// <summary>One run of the directory benchmark: set-up through the REST API, the watchers, the flips, the figures.</summary>
internal sealed class DirectoryRun(Uri[] urls, int watcherCount, int flipCount, int burst, TimeSpan interval, string adminEmail, string adminPassword,
    IReadOnlyCollection<int> serverPids)
{
    /// <summary>One representative, no CPU report (scenario files run the directory this way).</summary>
    public DirectoryRun(Uri[] urls, int watcherCount, int flipCount, TimeSpan interval, string adminEmail, string adminPassword)
        : this(urls, watcherCount, flipCount, 1, interval, adminEmail, adminPassword, []) { }

    private const int WarmupFlips = 2;

    /// <summary>How long the machine is watched with every watcher connected and nothing changing, for the idle CPU rate.</summary>
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(5);

    private sealed record Representative(string AgentId, HubConnection Hub);

    private sealed record Flip(string AgentId, string Presence, long At, TimeSpan Answered);

    public async Task<DirectoryResult> RunAsync(CancellationToken ct)
    {
        using var api = new EngagementApi(urls[0]);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var queueId = $"bench-dir-{tag}";
        var admin = await api.LoginAsync(adminEmail, adminPassword, ct);
        await api.CreateQueueAsync(admin, new NewQueue(queueId, "Directory bench " + queueId, ["bench"]), ct);
        var agents = new List<(string AgentId, string Token)>();
        for (var r = 0; r < burst; r++)
        {
            var (agentId, email, password) = ($"bench-rep-{tag}-{r}", $"bench-rep-{tag}-{r}@bench.local", "bench-password-" + tag);
            await api.CreateAgentAsync(admin, new NewAgent(agentId, "Bench " + agentId, email, "agent", ["bench"], 3, [queueId],
                "Benchmark representative", password), ct);
            agents.Add((agentId, await api.LoginAsync(email, password, ct)));
        }
        var agentIds = agents.Select(a => a.AgentId).ToHashSet(StringComparer.Ordinal);

        Console.Error.WriteLine($"directory: {watcherCount} watchers over {urls.Length} silo(s), {burst} representative(s) {string.Join(", ", agentIds)}");
        var connectClock = Stopwatch.StartNew();
        var tokens = new string[watcherCount];
        await Parallel.ForAsync(0, watcherCount, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (i, c) => tokens[i] = (await api.CreateVisitorAsync(c)).Token);
        var watchers = Enumerable.Range(0, watcherCount).Select(i => new DirectoryWatcher(urls[i % urls.Length], tokens[i], agentIds)).ToArray();
        var representatives = new List<Representative>();
        try
        {
            foreach (var (agentId, token) in agents) representatives.Add(new Representative(agentId, await ConnectAgentAsync(api, token, ct)));
            await Parallel.ForEachAsync(watchers, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct },
                async (w, c) => await w.ConnectAsync(c));
            var connectTime = connectClock.Elapsed;
            Console.Error.WriteLine($"directory: connected and watching in {connectTime.TotalSeconds:0.0} s; idle for {IdleWindow.TotalSeconds:0} s, " +
                $"then flipping {WarmupFlips}+{flipCount} times every {interval.TotalMilliseconds:0} ms");

            var idleStart = CpuSnapshot.Take(serverPids);
            await Task.Delay(IdleWindow, ct);
            var idle = CpuSnapshot.Between(idleStart, CpuSnapshot.Take(serverPids));

            var sent = new List<Flip[]>();
            CpuSnapshot? windowStart = null;
            var windowClock = new Stopwatch();
            for (var i = 0; i < WarmupFlips + flipCount; i++)
            {
                if (i == WarmupFlips)
                {
                    windowStart = CpuSnapshot.Take(serverPids);
                    windowClock.Start();
                }
                var presence = i % 2 == 0 ? "away" : "available";
                // Every representative at the same moment: a burst of changes for the same watchers.
                sent.Add(await Task.WhenAll(representatives.Select(async r =>
                {
                    var at = Stopwatch.GetTimestamp();
                    await r.Hub.InvokeAsync<JsonElement>("SetStatus", presence, ct);
                    return new Flip(r.AgentId, presence, at, Stopwatch.GetElapsedTime(at));
                })));
                await Task.Delay(interval, ct);
            }
            var flipping = CpuSnapshot.Between(windowStart!, CpuSnapshot.Take(serverPids));
            var flipWindow = windowClock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(3), ct); // stragglers
            return Measure(watchers, sent.Skip(WarmupFlips).ToList(), connectTime, idle, flipping, flipWindow);
        }
        finally
        {
            foreach (var r in representatives) await r.Hub.DisposeAsync();
            await Parallel.ForEachAsync(watchers, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (w, _) => await w.DisposeAsync());
        }
    }

    /// <summary>The machine's 1-minute load average (Linux), to show how much else was running.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static async Task<HubConnection> ConnectAgentAsync(EngagementApi api, string token, CancellationToken ct)
    {
        var connection = api.Hub("agent", token);
        await connection.StartAsync(ct);
        await connection.InvokeAsync<JsonElement>("SetStatus", "available", ct);
        return connection;
    }

    private DirectoryResult Measure(DirectoryWatcher[] watchers, List<Flip[]> flips, TimeSpan connectTime, CpuShare idle, CpuShare flipping, TimeSpan flipWindow)
    {
        var histogram = new LatencyHistogram();
        var perFlip = flips.Select(_ => new LatencyHistogram()).ToArray();
        long lost = 0;
        foreach (var watcher in watchers)
        {
            var cursors = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var f = 0; f < flips.Count; f++)
            {
                foreach (var (agentId, presence, at, _) in flips[f])
                {
                    var cursor = cursors.GetValueOrDefault(agentId);
                    if (watcher.FirstSeen(agentId, presence, at, ref cursor) is { } seen)
                    {
                        histogram.Record(seen - at);
                        perFlip[f].Record(seen - at);
                    }
                    else lost++;
                    cursors[agentId] = cursor;
                }
            }
        }
        // Per change: the representatives' own SetStatus round trip (the slowest), and the first and last watcher to
        // hear it, to tell a slow fan-out from a change that was slow before any fan-out began.
        foreach (var (h, f) in perFlip.Select((h, f) => (h, f)))
            Console.Error.WriteLine($"directory: change {f + 1,3}: SetStatus answered {flips[f].Max(x => x.Answered.TotalMilliseconds):0.0} ms; " +
                $"watchers: first {h.PercentileMs(0):0.0} ms, median {h.PercentileMs(50):0.0} ms, last {h.MaxMs:0.0} ms");
        return new DirectoryResult(watchers.Length, urls.Length, flips.Count, burst, histogram, lost, watchers.Count(w => !w.Connected), connectTime,
            LoadAverage(), idle, flipping, flipWindow);
    }
}
