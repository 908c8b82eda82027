using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Engagement.LoadTests.Api;
using Engagement.LoadTests.Hubs;
using Engagement.LoadTests.Measurement;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.LoadTests.Routing;

/// <summary>
/// One routing run (docs/benchmarks.md, "Routing"). Set-up over REST: the scenario's queues and agents, one anonymous
/// visitor per visitor connection. Every agent connects to the agent hub and goes away; every visitor connects to the
/// visitor hub (as a widget does on page load). Then visitors arrive: StartSession calls at the arrival rate, open
/// loop, round-robin over the visitor connections. Once <see cref="RoutingSettings.AvailableAfter"/> of them have been
/// answered (0: before the first) every agent goes available; from then on agents accept each offer as it arrives and
/// close each session after a random handle time, which frees the slot for the next. The run ends when every started
/// session was accepted and closed, or at the timeout. Agent-side accounting is in RoutingRun.Agents.cs.
/// </summary>
internal sealed partial class RoutingRun(RoutingSettings settings)
{
    private readonly RoutingScenario _scenario = new(Guid.NewGuid().ToString("N")[..6], settings.Agents, settings.Capacity, settings.Seed);
    private readonly WaitingBook _book = new();
    private readonly ConcurrentDictionary<string, SessionRecord> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<long> _startTimes = new(), _offerTimes = new(), _acceptTimes = new(), _closeTimes = new();
    private readonly LatencyHistogram _startCall = new(), _anchorIdle = new(), _anchorLoad = new();
    private long _started, _answered, _startFailures, _queuePositions, _visitorOther, _dropped;
    private string? _lastStartError;
    private long _go, _goDone;
    private Task? _going;
    private CpuSnapshot? _cpuGo;

    /// <summary>
    /// Every session the tool started was accepted, and every accepted session (some the server made although their
    /// StartSession failed, see <see cref="WaitingBook.Accepted"/>) was closed or failed to close.
    /// </summary>
    private bool Finished()
    {
        int waiting;
        lock (_book) waiting = _book.Waiting;
        return waiting == 0 && Interlocked.Read(ref _closed) + Interlocked.Read(ref _closeFailures) >= Interlocked.Read(ref _accepted);
    }

    /// <summary>What the tool saw of one session (Stopwatch ticks; 0: not yet).</summary>
    private sealed class SessionRecord
    {
        public long StartCall, StartReturn, FirstOffer, Accepted, Closed;
    }

    public async Task<RoutingResult> RunAsync(CancellationToken ct)
    {
        using var api = new EngagementApi(settings.Url);
        var visitors = new List<HubConnection>();
        HubConnection? anchor = null;
        try
        {
            anchor = await SetUpAsync(api, visitors, ct);
            return await LoadAsync(visitors, anchor, ct);
        }
        finally
        {
            Console.Error.WriteLine("routing: closing connections");
            await HubConnections.ForEachAsync(visitors.Concat(_agents.Select(a => a.Hub)).Append(anchor).OfType<HubConnection>(), 64,
                async (c, _) => await c.DisposeAsync(), CancellationToken.None);
        }
    }

    private async Task<HubConnection> SetUpAsync(EngagementApi api, List<HubConnection> visitors, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var admin = await api.LoginAsync(settings.AdminEmail, settings.AdminPassword, ct);
        foreach (var queue in _scenario.Queues)
            await api.CreateQueueAsync(admin, new NewQueue(queue.QueueId, $"Routing bench {queue.Skill}", [queue.Skill], queue.Routing), ct);
        Console.Error.WriteLine($"routing: {_scenario.Queues.Length} queues; creating {settings.Agents} agents and signing them in (each a password hash on the server)");
        var password = "bench-agent-" + _scenario.Tag;
        var tokens = new string[settings.Agents];
        await Parallel.ForAsync(0, settings.Agents, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, c) =>
        {
            var plan = _scenario.Agents[i];
            var email = $"{plan.AgentId}@bench.local";
            await api.CreateAgentAsync(admin, new NewAgent(plan.AgentId, "Bench " + plan.AgentId, email, "agent", plan.Skills, plan.Capacity, plan.Queues,
                null, password, plan.Levels), c);
            tokens[i] = await api.LoginAsync(email, password, c);
        });
        Console.Error.WriteLine($"routing: agents ready after {clock.Elapsed.TotalSeconds:F0} s; connecting them (away) and {settings.VisitorConnections} visitors");
        _agents.AddRange(_scenario.Agents.Select((plan, i) => new AgentSlot(plan, api.Hub("agent", tokens[i]))));
        await HubConnections.ForEachAsync(_agents, 32, async (agent, c) => await ConnectAgentAsync(agent, c), ct);

        var visitorTokens = new string[settings.VisitorConnections];
        await Parallel.ForAsync(0, visitorTokens.Length, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (i, c) => visitorTokens[i] = (await api.CreateVisitorAsync(c)).Token);
        visitors.AddRange(visitorTokens.Select(t => api.Hub("visitor", t, "?page=%2Frouting-bench")));
        await Parallel.ForAsync(0, visitors.Count, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (i, c) =>
        {
            var visitor = visitors[i];
            visitor.On<JsonElement>("queuePosition", _ => Interlocked.Increment(ref _queuePositions));
            foreach (var name in (string[])["session", "message", "typing", "read", "representative"])
                visitor.On<JsonElement>(name, _ => Interlocked.Increment(ref _visitorOther));
            visitor.Closed += error => Dropped(error);
            await visitor.StartAsync(c);
            if (RoutingScenario.IsVip(i))
                await visitor.InvokeAsync<JsonElement>("SetAttributes", new Dictionary<string, string> { [RoutingScenario.VipAttribute] = RoutingScenario.VipValue }, c);
        });
        // The anchor: the admin's own status over a watch-only agent connection (hub → agent grain → reply), all run long.
        var anchor = api.Hub("agent", admin, "?presence=off");
        anchor.On<JsonElement>("agentStatus", _ => { });
        await anchor.StartAsync(ct);
        Console.Error.WriteLine($"routing: set up in {clock.Elapsed.TotalSeconds:F0} s");
        return anchor;
    }

    private Task Dropped(Exception? error)
    {
        if (error is not null) Interlocked.Increment(ref _dropped);
        return Task.CompletedTask;
    }

    private async Task<RoutingResult> LoadAsync(List<HubConnection> visitors, HubConnection anchor, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var anchorIdleEnd = Stopwatch.GetTimestamp() + 2 * Stopwatch.Frequency;
        var anchoring = AnchorAsync(anchor, anchorIdleEnd, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);

        if (settings.AvailableAfter == 0) await GoAsync(ct); // before the arrivals' clock starts
        var loadBefore = LoadAverage();
        var t0 = Stopwatch.GetTimestamp();
        var cpuStart = CpuSnapshot.Take(settings.ServerPids);
        var progress = ProgressAsync(t0, stop.Token);
        var starts = new List<Task>(settings.Sessions);
        for (var i = 0; i < settings.Sessions; i++)
        {
            var due = t0 + (long)(i * Stopwatch.Frequency / settings.ArrivalRate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct);
            starts.Add(StartAsync(i, visitors[i % visitors.Count], ct));
        }
        var arrivalsEnd = Stopwatch.GetTimestamp();
        await Task.WhenAll(starts);
        if (_going is not null) await _going;
        var deadline = Stopwatch.GetTimestamp() + (long)(settings.Timeout.TotalSeconds * Stopwatch.Frequency);
        while (!Finished() && Stopwatch.GetTimestamp() < deadline) await Task.Delay(100, ct);
        var end = Stopwatch.GetTimestamp();
        var cpuEnd = CpuSnapshot.Take(settings.ServerPids);
        await stop.CancelAsync();
        await Task.WhenAll(anchoring, progress);
        return Result(t0, arrivalsEnd, end, loadBefore, CpuSnapshot.Between(cpuStart, cpuEnd), _cpuGo is { } go ? CpuSnapshot.Between(go, cpuEnd) : null);
    }

    private async Task StartAsync(int index, HubConnection visitor, CancellationToken ct)
    {
        var queue = _scenario.QueueOfVisitor(index);
        var start = Stopwatch.GetTimestamp();
        try
        {
            var join = await visitor.InvokeAsync<JsonElement>("StartSession", new { queueId = queue.QueueId, topic = "routing bench", requestId = $"r{index}" }, ct);
            var returned = Stopwatch.GetTimestamp();
            var sessionId = join.GetProperty("session").GetProperty("sessionId").GetString()!;
            _startCall.Record(returned - start);
            _startTimes.Enqueue(returned);
            var record = _sessions.GetOrAdd(sessionId, _ => new SessionRecord());
            lock (record) (record.StartCall, record.StartReturn) = (start, returned);
            // Waits are counted from the answer: never longer than the queue's own count, so a step is never assumed early.
            lock (_book) _book.Started(queue.QueueId, sessionId, returned);
            Interlocked.Increment(ref _started);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Interlocked.Increment(ref _startFailures);
            _lastStartError = ex.GetBaseException().Message;
        }
        if (Interlocked.Increment(ref _answered) == settings.AvailableAfter) _going = GoAsync(ct);
    }

    /// <summary>Every agent goes available at once (as many SetStatus calls in flight as the tool allows).</summary>
    private async Task GoAsync(CancellationToken ct)
    {
        _cpuGo = CpuSnapshot.Take(settings.ServerPids);
        Interlocked.Exchange(ref _go, Stopwatch.GetTimestamp());
        await HubConnections.ForEachAsync(_agents, 64, async (agent, c) => await agent.Hub.InvokeAsync<JsonElement>("SetStatus", "available", c), ct);
        _goDone = Stopwatch.GetTimestamp();
        Console.Error.WriteLine($"routing: {_agents.Count} agents set available in {Stopwatch.GetElapsedTime(_go, _goDone).TotalMilliseconds:F0} ms " +
            $"with {_book.Waiting} sessions waiting");
    }

    private async Task AnchorAsync(HubConnection anchor, long idleEnd, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var start = Stopwatch.GetTimestamp();
            try { await anchor.InvokeAsync<JsonElement>("GetStatus", ct); }
            catch (OperationCanceledException) { return; }
            var end = Stopwatch.GetTimestamp();
            (start < idleEnd ? _anchorIdle : _anchorLoad).Record(end - start);
            try { await Task.Delay(50, ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One line a second on stderr: what happened in it, and the backlog as the tool sees it.</summary>
    private async Task ProgressAsync(long t0, CancellationToken ct)
    {
        long last = 0, lastOffers = 0, lastAccepted = 0, lastClosed = 0, lastPositions = 0;
        for (var second = 1; !ct.IsCancellationRequested; second++)
        {
            var due = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), t0 + second * Stopwatch.Frequency);
            try { await Task.Delay(due > TimeSpan.Zero ? due : TimeSpan.Zero, ct); }
            catch (OperationCanceledException) { return; }
            var (started, offers, accepted, closed, positions) = (Interlocked.Read(ref _started), Interlocked.Read(ref _offers),
                Interlocked.Read(ref _accepted), Interlocked.Read(ref _closed), Interlocked.Read(ref _queuePositions));
            int waiting, unoffered;
            lock (_book) (waiting, unoffered) = (_book.Waiting, _book.Unoffered);
            Console.Error.WriteLine($"routing: {second,4} s  started {started - last,5}  offers {offers - lastOffers,5}  accepted {accepted - lastAccepted,5}  " +
                $"closed {closed - lastClosed,5}  waiting {waiting,5} (unoffered {unoffered,5})  queuePosition events {positions - lastPositions,7}  " +
                $"errors {Interlocked.Read(ref _startFailures) + Interlocked.Read(ref _acceptFailures) + Interlocked.Read(ref _closeFailures)}");
            (last, lastOffers, lastAccepted, lastClosed, lastPositions) = (started, offers, accepted, closed, positions);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
