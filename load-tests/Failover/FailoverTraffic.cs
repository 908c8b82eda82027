using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Engagement.Client;
using Engagement.LoadTests.Api;
using Engagement.LoadTests.Chat;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.Failover;

/// <summary>
/// Chat traffic that faults are injected into, with the accounting that judges them. C visitors and K agents on
/// the project's .NET client (which does the documented recovery), visitors sending at R msg/s in total; every
/// send, acknowledgement, delivery to the agent and retried error is stamped. <see cref="FinishAsync"/> checks
/// the store (acknowledged messages lost), what agents never got (missed), what the server sent out of order
/// or twice on a connection, and per fault how long until each session delivered again and how long errors
/// lasted. Shared by <c>./engage bench failover</c> and the chaos tests.
/// </summary>
internal sealed class FailoverTraffic : IAsyncDisposable
{
    private static readonly double TicksPerSecond = Stopwatch.Frequency;
    private readonly FailoverTrafficOptions _options;
    private readonly EngagementApi _api;
    private readonly LoadMetrics _metrics = new(new RunClock(TimeSpan.Zero, TimeSpan.FromDays(1)));
    private readonly List<VisitorClient> _visitors = [];
    private readonly List<AgentClient> _agents = [];
    private readonly ConcurrentQueue<Send> _sends = new();
    private readonly ConcurrentDictionary<(string SessionId, long Seq), long> _delivered = new();
    private readonly ConcurrentQueue<(long At, string Kind)> _errors = new();
    private readonly List<(string Label, long At)> _faults = [];
    private readonly TaskCompletionSource _allAccepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _runId = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 8);
    private string _adminToken = "";
    private int _accepted;
    private long _sending;

    private sealed record Send(string SessionId, long SentAt)
    {
        public long AckSeq { get; set; }
        public bool Failed { get; set; }
    }

    private FailoverTraffic(FailoverTrafficOptions options)
    {
        _options = options;
        _api = new EngagementApi(options.Urls[0]);
    }

    /// <summary>The agents, for checks of presence and load.</summary>
    public IReadOnlyList<(string AgentId, EngagementConnection Connection)> Agents { get; private set; } = [];

    public string QueueId => $"failover-{_runId}";

    public string AdminToken => _adminToken;

    /// <summary>Signs in, creates a queue and the agents, connects everyone and waits until every conversation is accepted.</summary>
    public static async Task<FailoverTraffic> StartAsync(FailoverTrafficOptions options, CancellationToken cancellationToken)
    {
        var traffic = new FailoverTraffic(options);
        try
        {
            await traffic.SetUpAsync(cancellationToken);
        }
        catch
        {
            await traffic.DisposeAsync();
            throw;
        }
        return traffic;
    }

    private async Task SetUpAsync(CancellationToken ct)
    {
        _adminToken = await _api.LoginAsync(_options.AdminEmail, _options.AdminPassword, ct);
        await _api.CreateQueueAsync(_adminToken, new NewQueue(QueueId, $"Failover {QueueId}"), ct);
        var agentHubs = _options.Urls.Select(u => new Uri(u, "/hubs/agent")).ToList();
        var agents = new List<(string, EngagementConnection)>();
        await HubConnectionsForEach(Enumerable.Range(0, _options.Agents), async (i, token) =>
        {
            var agentId = $"failover-{_runId}-{i}";
            var password = RandomNumberGenerator.GetHexString(24);
            await _api.CreateAgentAsync(_adminToken, new NewAgent(agentId, $"Failover agent {i}", $"{agentId}@load.test", "agent", null, _options.Capacity, [QueueId], null, password), token);
            var agentToken = await _api.LoginAsync($"{agentId}@load.test", password, token);
            var agent = new AgentClient(agentHubs, agentToken, _metrics, OnAccepted, OnDelivered, OnRetrying);
            lock (_agents)
            {
                _agents.Add(agent);
                agents.Add((agentId, agent.Connection));
            }
            await agent.ConnectAsync(token);
        }, ct);
        Agents = agents;

        var visitorHubs = _options.Urls.Select(u => new Uri(u, "/hubs/visitor")).ToList();
        await HubConnectionsForEach(Enumerable.Range(0, _options.Conversations), async (_, token) =>
        {
            var (_, visitorToken) = await _api.CreateVisitorAsync(token);
            var visitor = new VisitorClient(visitorHubs, visitorToken, _metrics, OnRetrying);
            lock (_visitors) _visitors.Add(visitor);
            await visitor.StartSessionAsync(QueueId, token);
        }, ct);
        await _allAccepted.Task.WaitAsync(_options.SetupTimeout, ct);
    }

    private static Task HubConnectionsForEach(IEnumerable<int> items, Func<int, CancellationToken, ValueTask> action, CancellationToken ct) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, action);

    private void OnAccepted(string sessionId)
    {
        if (Interlocked.Increment(ref _accepted) >= _options.Conversations) _allAccepted.TrySetResult();
    }

    private void OnDelivered(ChatMessage message, bool live, long sentTicks) =>
        _delivered.TryAdd((message.SessionId, message.Seq), Stopwatch.GetTimestamp());

    private void OnRetrying(Exception error) => _errors.Enqueue((Stopwatch.GetTimestamp(), Kind(error)));

    /// <summary>A short name for an error, so a report can say what the errors were.</summary>
    private static string Kind(Exception error) => ServerError.From(error) is { } server
        ? $"hub {server.Code}: {Truncate(server.Message)}"
        : $"{error.GetType().Name}: {Truncate(error.Message)}";

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";

    /// <summary>Marks now as the moment of a fault (a kill, a restart) that results are measured against.</summary>
    public void Fault(string label)
    {
        lock (_faults) _faults.Add((label, Stopwatch.GetTimestamp()));
    }

    /// <summary>Sends at the configured rate until <paramref name="stop"/> is cancelled; probes REST meanwhile.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var probe = ProbeAsync(stop);
        var pacer = Task.Factory.StartNew(() => Pace(stop), TaskCreationOptions.LongRunning);
        await Task.WhenAll(pacer, probe);
    }

    private void Pace(CancellationToken stop)
    {
        var ticksPerMessage = Stopwatch.Frequency / (double)_options.Rate;
        var start = Stopwatch.GetTimestamp();
        long next = 0;
        while (!stop.IsCancellationRequested)
        {
            var due = (long)((Stopwatch.GetTimestamp() - start) / ticksPerMessage);
            for (; next <= due; next++)
            {
                var visitor = _visitors[(int)(next % _visitors.Count)];
                ThreadPool.UnsafeQueueUserWorkItem(v => _ = SendOneAsync(v), visitor, preferLocal: false);
            }
            Thread.Sleep(1);
        }
    }

    private async Task SendOneAsync(VisitorClient visitor)
    {
        var sentAt = Stopwatch.GetTimestamp();
        var send = new Send(visitor.SessionId, sentAt);
        _sends.Enqueue(send);
        Interlocked.Increment(ref _sending);
        try
        {
            send.AckSeq = await visitor.SendStampedAsync(sentAt, _options.MessageSize);
        }
        catch (Exception e)
        {
            send.Failed = true;
            _errors.Enqueue((Stopwatch.GetTimestamp(), "send failed: " + Kind(e)));
        }
        finally
        {
            Interlocked.Decrement(ref _sending);
        }
    }

    /// <summary>A new visitor every 100 ms: the REST side's 5xx window (the per-address limit must be off).</summary>
    private async Task ProbeAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (await _api.ProbeVisitorCreationAsync(stop) is var status and >= 500) _errors.Enqueue((Stopwatch.GetTimestamp(), $"POST /api/visitors {status}"));
                await Task.Delay(100, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Waits (up to <paramref name="drain"/>) until every send has an answer and every acknowledged message reached
    /// its agent, then judges the run.
    /// </summary>
    public async Task<FailoverTrafficResult> FinishAsync(TimeSpan drain, CancellationToken cancellationToken)
    {
        var until = Stopwatch.GetTimestamp() + (long)(drain.TotalSeconds * TicksPerSecond);
        while (Stopwatch.GetTimestamp() < until)
        {
            if (Interlocked.Read(ref _sending) == 0 && _sends.All(s => s.Failed || _delivered.ContainsKey((s.SessionId, s.AckSeq)))) break;
            await Task.Delay(100, cancellationToken);
        }
        return await JudgeAsync(cancellationToken);
    }

    private async Task<FailoverTrafficResult> JudgeAsync(CancellationToken ct)
    {
        var sends = _sends.ToArray();
        var acked = sends.Where(s => !s.Failed && s.AckSeq > 0).ToArray();
        var stored = await StoredAsync(ct);
        var lost = acked.LongCount(s => !stored.Contains((s.SessionId, s.AckSeq)));
        var missed = acked.LongCount(s => !_delivered.ContainsKey((s.SessionId, s.AckSeq)));
        var transcripts = _agents.SelectMany(a => a.Sessions).Concat(_visitors.SelectMany(v => v.Connection.Sessions)).ToList();

        List<(string Label, long At)> faults;
        lock (_faults) faults = [.. _faults];
        var outcomes = faults.Select((f, i) => Outcome(f.Label, f.At, i + 1 < faults.Count ? faults[i + 1].At : long.MaxValue, acked)).ToList();

        // Delivery latency outside every fault's recovery window.
        var steady = new LatencyHistogram();
        foreach (var s in acked)
        {
            if (!_delivered.TryGetValue((s.SessionId, s.AckSeq), out var at)) continue;
            if (outcomes.Any(o => s.SentAt >= o.At && s.SentAt <= o.At + (long)(o.RecoveryMax * TicksPerSecond))) continue;
            steady.Record(at - s.SentAt);
        }

        return new FailoverTrafficResult(
            sends.LongLength, acked.LongLength, sends.LongCount(s => s.Failed), lost, missed,
            transcripts.Sum(t => t.OutOfOrder), transcripts.Sum(t => t.Duplicates), transcripts.SelectMany(t => t.Violations).Take(10).ToArray(), outcomes, steady.Summary(),
            _agents.Sum(a => a.Connection.Reconnects) + _visitors.Sum(v => v.Connection.Reconnects),
            _agents.Sum(a => a.Connection.Moves) + _visitors.Sum(v => v.Connection.Moves));
    }

    /// <summary>
    /// One fault: per session, the time from the fault until the first message sent after it reached the agent;
    /// and how long after it errors (retried hub calls, 5xx) went on.
    /// </summary>
    private FaultOutcome Outcome(string label, long at, long nextFault, Send[] acked)
    {
        var recoveries = new List<double>();
        var unrecovered = 0;
        foreach (var session in acked.Where(s => s.SentAt > at && s.SentAt < nextFault).GroupBy(s => s.SessionId))
        {
            var first = session.Select(s => _delivered.TryGetValue((s.SessionId, s.AckSeq), out var d) ? d : long.MaxValue).Min();
            if (first == long.MaxValue) unrecovered++;
            else recoveries.Add((first - at) / TicksPerSecond);
        }
        recoveries.Sort();
        var errors = _errors.Where(e => e.At >= at && e.At < nextFault).ToArray();
        var kinds = errors.GroupBy(e => e.Kind).OrderByDescending(g => g.Count()).Take(3).Select(g => $"{g.Count()}× {g.Key}").ToArray();
        return new FaultOutcome(label, at,
            Percentile(recoveries, 0.50), Percentile(recoveries, 0.99), recoveries.Count == 0 ? double.NaN : recoveries[^1], unrecovered,
            errors.Length, errors.Length == 0 ? 0 : (errors.Max(e => e.At) - at) / TicksPerSecond, kinds);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Every (session, seq) the store holds, read back over REST as an admin.</summary>
    private async Task<HashSet<(string, long)>> StoredAsync(CancellationToken ct)
    {
        var stored = new HashSet<(string, long)>();
        foreach (var visitor in _visitors)
        {
            long after = 0;
            while (true)
            {
                var page = await _api.TranscriptAsync(_adminToken, visitor.SessionId, after, 200, ct);
                foreach (var row in page) stored.Add((row.SessionId, row.Seq));
                if (page.Length < 200) break;
                after = page[^1].Seq;
            }
        }
        return stored;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_visitors.Select(v => v.DisposeAsync().AsTask()).Concat(_agents.Select(a => a.DisposeAsync().AsTask())));
        _api.Dispose();
    }
}

/// <summary>What the traffic is: where, who, how much.</summary>
internal sealed record FailoverTrafficOptions(
    IReadOnlyList<Uri> Urls, string AdminEmail, string AdminPassword, int Conversations, int Agents, int Capacity, int Rate)
{
    public int MessageSize { get; init; } = 64;
    public TimeSpan SetupTimeout { get; init; } = TimeSpan.FromMinutes(3);
}

/// <summary>How the product went through one fault.</summary>
/// <param name="RecoveryP50">Seconds from the fault until a message sent after it reached the agent: the median session.</param>
/// <param name="Unrecovered">Sessions that sent after the fault but never delivered again.</param>
/// <param name="ErrorWindow">Seconds from the fault to the last retried hub error or 5xx before the next fault.</param>
/// <param name="ErrorKinds">The commonest errors, with their counts.</param>
internal sealed record FaultOutcome(
    string Label, long At, double RecoveryP50, double RecoveryP99, double RecoveryMax, int Unrecovered, int Errors, double ErrorWindow, string[] ErrorKinds);

/// <summary>The whole run's verdict.</summary>
internal sealed record FailoverTrafficResult(
    long Sent, long Acked, long Failed, long Lost, long Missed, long OutOfOrder, long Duplicates, string[] Violations,
    IReadOnlyList<FaultOutcome> Faults, LatencySummary SteadyDelivery, long Reconnects, long Moves);
