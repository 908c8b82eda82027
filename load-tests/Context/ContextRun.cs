using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.LoadTests.Api;
using Engagement.LoadTests.Measurement;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.LoadTests.Context;

/// <summary>
/// One run: set up N live sessions (visitors start sessions, agents accept the offers), then post one device
/// reading at a time per request, round-robin over the customers at the target rate, for the warm-up plus the
/// measured window. A reading's value is its sequence number; the agent's connection finds it in the pushed
/// `customerContext` and records the time since the POST was sent (HTTP ingestion, the stream, the customer
/// grain, the session, SignalR). Readings are measured from the actual send, so a saturated server shows as a
/// lower achieved rate as well as as latency.
/// </summary>
internal sealed class ContextRun(ContextSettings settings)
{
    private const string ReadingName = "bench";
    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly LatencyHistogram _signalToScreen = new();
    private readonly LatencyHistogram _httpAccept = new();
    private long _delivered, _superseded, _httpErrors, _accepted;

    /// <summary>The readings of one customer still waiting for their push, in the order they were sent.</summary>
    private sealed class Lane
    {
        public readonly Queue<(long Seq, long SentAt, bool Measured)> Pending = new();
    }

    public async Task<ContextResult> RunAsync(CancellationToken ct)
    {
        using var api = new EngagementApi(settings.Url);
        var connections = new List<HubConnection>();
        try
        {
            var customers = await SetUpAsync(api, connections, ct);
            return await LoadAsync(customers, ct);
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private async Task<string[]> SetUpAsync(EngagementApi api, List<HubConnection> connections, CancellationToken ct)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var queueId = $"ctx-bench-{tag}";
        var admin = await api.LoginAsync(settings.AdminEmail, settings.AdminPassword, ct);
        await api.CreateQueueAsync(admin, new NewQueue(queueId, $"Context bench {queueId}", ["support"]), ct);
        for (var i = 0; i < settings.Agents; i++)
        {
            var agentId = $"ctxb-{tag}-{i}";
            const string password = "bench-agent-password";
            await api.CreateAgentAsync(admin, new NewAgent(agentId, $"Bench {agentId}", $"{agentId}@bench.local", "agent", ["support"], settings.Capacity,
                [queueId], null, password), ct);
            var agent = api.Hub("agent", await api.LoginAsync($"{agentId}@bench.local", password, ct));
            agent.On<JsonElement>("offer", offer => _ = AcceptAsync(agent, offer.GetProperty("sessionId").GetString()!));
            agent.On<JsonElement>("customerContext", OnContext);
            await agent.StartAsync(ct);
            lock (connections) connections.Add(agent);
        }
        Console.Error.WriteLine($"context: {settings.Agents} agents connected; starting {settings.Sessions} sessions");

        var customers = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Sessions), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (_, token) =>
        {
            var (customerId, visitorToken) = await api.CreateVisitorAsync(token);
            var visitor = api.Hub("visitor", visitorToken, "?page=%2Fbench");
            await visitor.StartAsync(token);
            lock (connections) connections.Add(visitor);
            await visitor.InvokeAsync<JsonElement>("StartSession", new { queueId }, token);
            _lanes[customerId] = new Lane();
            customers.Add(customerId);
        });
        var deadline = Stopwatch.StartNew();
        while (Interlocked.Read(ref _accepted) < settings.Sessions)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException($"only {_accepted} of {settings.Sessions} sessions were accepted");
            await Task.Delay(100, ct);
        }
        Console.Error.WriteLine($"context: {settings.Sessions} sessions live after {deadline.Elapsed.TotalSeconds:F1} s");
        return [.. customers];
    }

    private async Task AcceptAsync(HubConnection agent, string sessionId)
    {
        try
        {
            await agent.InvokeAsync<JsonElement>("AcceptOffer", sessionId);
            Interlocked.Increment(ref _accepted);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"context: accepting {sessionId} failed: {ex.Message}");
        }
    }

    private async Task<ContextResult> LoadAsync(string[] customers, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.HttpConnections }) { BaseAddress = settings.Url };
        http.DefaultRequestHeaders.Add("X-Api-Key", settings.ApiKey);
        var plan = settings.Plan;
        var (warmupCount, total) = (plan.WarmupCount, plan.Total);
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        long measuredStart = 0, measuredEnd = 0;
        for (long seq = 0; seq < total; seq++)
        {
            var due = plan.DueAt(seq);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct);
            if (seq == warmupCount) measuredStart = Stopwatch.GetTimestamp();
            inFlight.Add(PostAsync(http, customers[seq % customers.Length], seq, seq >= warmupCount, ct));
            if (inFlight.Count >= 4096) inFlight.RemoveAll(t => t.IsCompleted);
        }
        measuredEnd = Stopwatch.GetTimestamp();
        await Task.WhenAll(inFlight);
        // Give the last pushes time to arrive, then count what never did.
        var drain = Stopwatch.StartNew();
        while (Pending(measuredOnly: true) > 0 && drain.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50, ct);

        var measuredSeconds = Stopwatch.GetElapsedTime(measuredStart, measuredEnd).TotalSeconds;
        var posted = total - warmupCount;
        return new ContextResult(settings.Sessions, settings.Agents, settings.Rate, posted / measuredSeconds, measuredSeconds,
            Environment.ProcessorCount, posted, _httpErrors, _signalToScreen.Count, _superseded, Pending(measuredOnly: true),
            _signalToScreen.Summary(), _httpAccept.Summary());
    }

    private async Task PostAsync(HttpClient http, string customerId, long seq, bool measured, CancellationToken ct)
    {
        var body = new { signals = new[] { new { kind = "device", name = ReadingName, values = new { value = seq, deviceId = ReadingName } } } };
        var lane = _lanes[customerId];
        var sentAt = Stopwatch.GetTimestamp();
        lock (lane) lane.Pending.Enqueue((seq, sentAt, measured));
        try
        {
            using var response = await http.PostAsJsonAsync($"/api/context/{customerId}/signals", body, ct);
            if (!response.IsSuccessStatusCode) throw new HttpRequestException($"answered {(int)response.StatusCode}");
            if (measured) _httpAccept.Record(Stopwatch.GetTimestamp() - sentAt);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref _httpErrors);
            lock (lane) RemoveFromLane(lane, seq);
        }
    }

    /// <summary>A pushed context: the bench reading it carries was delivered; readings sent before it were superseded.</summary>
    private void OnContext(JsonElement context)
    {
        var receivedAt = Stopwatch.GetTimestamp();
        var customerId = context.GetProperty("customerId").GetString()!;
        if (!_lanes.TryGetValue(customerId, out var lane)) return;
        long? seq = null;
        foreach (var device in context.GetProperty("devices").EnumerateArray())
        {
            if (device.GetProperty("name").GetString() == ReadingName && long.TryParse(device.GetProperty("value").GetString(), out var value)) seq = value;
        }
        if (seq is null) return;
        lock (lane)
        {
            while (lane.Pending.TryPeek(out var head) && head.Seq <= seq)
            {
                lane.Pending.Dequeue();
                if (!head.Measured) continue;
                if (head.Seq == seq)
                {
                    _signalToScreen.Record(receivedAt - head.SentAt);
                    Interlocked.Increment(ref _delivered);
                }
                else
                {
                    Interlocked.Increment(ref _superseded);
                }
            }
        }
    }

    private static void RemoveFromLane(Lane lane, long seq)
    {
        var kept = lane.Pending.Where(p => p.Seq != seq).ToArray();
        lane.Pending.Clear();
        foreach (var p in kept) lane.Pending.Enqueue(p);
    }

    private long Pending(bool measuredOnly) => _lanes.Values.Sum(l =>
    {
        lock (l) return (long)l.Pending.Count(p => !measuredOnly || p.Measured);
    });
}
