using System.Diagnostics;
using System.Text.Json;
using Engagement.LoadTests.Api;
using Engagement.LoadTests.Measurement;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.LoadTests.TeamDirectory;

/// <summary>One run of the directory benchmark: set-up through the REST API, the watchers, the flips, the figures.</summary>
internal sealed class DirectoryRun(Uri[] urls, int watcherCount, int flipCount, TimeSpan interval, string adminEmail, string adminPassword)
{
    private const int WarmupFlips = 2;

    public async Task<DirectoryResult> RunAsync(CancellationToken ct)
    {
        using var api = new EngagementApi(urls[0]);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (queueId, agentId, agentEmail, agentPassword) = ($"bench-dir-{tag}", $"bench-rep-{tag}", $"bench-rep-{tag}@bench.local", "bench-password-" + tag);
        var admin = await api.LoginAsync(adminEmail, adminPassword, ct);
        await api.CreateQueueAsync(admin, new NewQueue(queueId, "Directory bench " + queueId, ["bench"]), ct);
        await api.CreateAgentAsync(admin, new NewAgent(agentId, "Bench " + agentId, agentEmail, "agent", ["bench"], 3, [queueId],
            "Benchmark representative", agentPassword), ct);
        var agentToken = await api.LoginAsync(agentEmail, agentPassword, ct);

        Console.Error.WriteLine($"directory: {watcherCount} watchers over {urls.Length} silo(s), representative {agentId}");
        var connectClock = Stopwatch.StartNew();
        var tokens = new string[watcherCount];
        await Parallel.ForAsync(0, watcherCount, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (i, c) => tokens[i] = (await api.CreateVisitorAsync(c)).Token);
        var watchers = Enumerable.Range(0, watcherCount).Select(i => new DirectoryWatcher(urls[i % urls.Length], tokens[i], agentId)).ToArray();
        await using var agent = await ConnectAgentAsync(api, agentToken, ct);
        try
        {
            await Parallel.ForEachAsync(watchers, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct },
                async (w, c) => await w.ConnectAsync(c));
            var connectTime = connectClock.Elapsed;
            Console.Error.WriteLine($"directory: connected and watching in {connectTime.TotalSeconds:0.0} s; flipping {WarmupFlips}+{flipCount} times every {interval.TotalMilliseconds:0} ms");

            var sent = new List<(string Presence, long At, TimeSpan Answered)>();
            for (var i = 0; i < WarmupFlips + flipCount; i++)
            {
                var presence = i % 2 == 0 ? "away" : "available";
                var at = Stopwatch.GetTimestamp();
                await agent.InvokeAsync<JsonElement>("SetStatus", presence, ct);
                sent.Add((presence, at, Stopwatch.GetElapsedTime(at)));
                await Task.Delay(interval, ct);
            }
            await Task.Delay(TimeSpan.FromSeconds(3), ct); // stragglers
            return Measure(watchers, sent.Skip(WarmupFlips).ToList(), connectTime);
        }
        finally
        {
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

    private DirectoryResult Measure(DirectoryWatcher[] watchers, List<(string Presence, long At, TimeSpan Answered)> flips, TimeSpan connectTime)
    {
        var histogram = new LatencyHistogram();
        var perFlip = flips.Select(_ => new LatencyHistogram()).ToArray();
        long lost = 0;
        foreach (var watcher in watchers)
        {
            var cursor = 0;
            for (var f = 0; f < flips.Count; f++)
            {
                var (presence, at, _) = flips[f];
                if (watcher.FirstSeen(presence, at, ref cursor) is { } seen)
                {
                    histogram.Record(seen - at);
                    perFlip[f].Record(seen - at);
                }
                else lost++;
            }
        }
        // Per change: the representative's own SetStatus round trip, and the first and last watcher to hear it,
        // to tell a slow fan-out from a change that was slow before any fan-out began.
        foreach (var (h, f) in perFlip.Select((h, f) => (h, f)))
            Console.Error.WriteLine($"directory: change {f + 1,3}: SetStatus answered {flips[f].Answered.TotalMilliseconds:0.0} ms; " +
                $"watchers: first {h.PercentileMs(0):0.0} ms, median {h.PercentileMs(50):0.0} ms, last {h.MaxMs:0.0} ms");
        return new DirectoryResult(watchers.Length, urls.Length, flips.Count, histogram, lost, watchers.Count(w => !w.Connected), connectTime, LoadAverage());
    }
}
