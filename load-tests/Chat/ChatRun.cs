using System.Diagnostics;
using System.Security.Cryptography;
using Engagement.LoadTests.Api;
using Engagement.LoadTests.Hubs;
using Engagement.LoadTests.Measurement;
using Engagement.LoadTests.Reporting;

namespace Engagement.LoadTests.Chat;

/// <summary>
/// One chat benchmark: sign in as admin; create a queue and K agents for this run (fresh ids, so runs do
/// not interfere); connect the agents and make them available; create C visitors that each start a session;
/// wait until agents accepted all C; drive the visitors' sends; count; close every session.
/// </summary>
internal sealed class ChatRun(ChatSettings settings, LoadProfile profile, string commandLine)
{
    private const int SetupParallelism = 16;
    private readonly string _runId = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 8);
    private readonly List<AgentClient> _agents = [];
    private readonly List<VisitorClient> _visitors = [];
    private readonly TaskCompletionSource _allAccepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _accepted;

    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        var machine = MachineInfo.Begin();
        var metrics = new LoadMetrics(new RunClock(profile.Warmup, profile.Duration));
        using var api = new EngagementApi(settings.Url);
        try
        {
            await SetUpAsync(api, metrics, cancellationToken);
            Log($"{settings.Conversations} conversations active; {profile.Describe()} for {profile.Warmup.TotalSeconds:0} s warm-up + {profile.Duration.TotalSeconds:0} s");
            var drained = await new LoadDriver(_visitors, profile, metrics, "chat").RunAsync(cancellationToken);
            var (missing, duplicates, outOfOrder) = Continuity();
            var result = RunResult.From("chat", $"{settings.Conversations} conversations, {settings.Agents} agent{(settings.Agents == 1 ? "" : "s")} × {settings.Capacity}",
                profile, metrics, drained, missing, duplicates, outOfOrder, machine.End(), commandLine);
            await ReportRuns.WriteAsync(profile.ReportFile, result, metrics);
            return result;
        }
        finally
        {
            await CleanUpAsync();
        }
    }

    private async Task SetUpAsync(EngagementApi api, LoadMetrics metrics, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var admin = await api.LoginAsync(settings.AdminEmail, settings.AdminPassword, ct);
        var queueId = $"load-{_runId}";
        await api.CreateQueueAsync(admin, new NewQueue(queueId, $"Load test {queueId}"), ct);
        Log($"run {_runId}: queue {queueId}, creating {settings.Agents} agents (capacity {settings.Capacity})");

        var agentHub = api.HubUrl("agent");
        await HubConnections.ForEachAsync(Enumerable.Range(0, settings.Agents), 8, async (i, token) =>
        {
            var agentId = $"load-{_runId}-{i}";
            var email = $"{agentId}@load.test";
            var password = RandomNumberGenerator.GetHexString(24);
            await api.CreateAgentAsync(admin, new NewAgent(agentId, $"Load agent {agentId}", email, "agent", null, settings.Capacity, [queueId], null, password), token);
            var agentToken = await api.LoginAsync(email, password, token);
            var agent = new AgentClient([agentHub], agentToken, metrics, OnAccepted);
            lock (_agents) _agents.Add(agent);
            await agent.ConnectAsync(token);
        }, ct);

        Log($"agents available; starting {settings.Conversations} visitor sessions");
        var visitorHub = api.HubUrl("visitor");
        await HubConnections.ForEachAsync(Enumerable.Range(0, settings.Conversations), SetupParallelism, async (_, token) =>
        {
            var (_, visitorToken) = await api.CreateVisitorAsync(token);
            var client = new VisitorClient([visitorHub], visitorToken, metrics);
            lock (_visitors) _visitors.Add(client);
            await client.StartSessionAsync(queueId, token);
        }, ct);

        var waited = await Task.WhenAny(_allAccepted.Task, Task.Delay(settings.SetupTimeout, ct));
        if (waited != _allAccepted.Task)
            throw new TimeoutException($"only {Volatile.Read(ref _accepted)} of {settings.Conversations} sessions were accepted within " +
                                       $"{settings.SetupTimeout.TotalSeconds:0} s (accept failures: {_agents.Sum(a => a.AcceptFailures)}, last: {_agents.Select(a => a.LastAcceptError).LastOrDefault(e => e is not null)})");
        Log($"setup took {started.Elapsed.TotalSeconds:0.0} s ({_agents.Sum(a => a.AcceptFailures)} offers lost to races and re-offered)");
    }

    private void OnAccepted(string sessionId)
    {
        if (Interlocked.Increment(ref _accepted) == settings.Conversations) _allAccepted.TrySetResult();
    }

    /// <summary>Per session: every seq up to the highest the visitor had acknowledged must have reached the agent, once, in order.</summary>
    private (long Missing, long Duplicates, long OutOfOrder) Continuity()
    {
        var transcripts = _agents.SelectMany(a => a.Sessions).ToDictionary(t => t.SessionId, StringComparer.Ordinal);
        long missing = 0;
        foreach (var visitor in _visitors)
        {
            missing += transcripts.TryGetValue(visitor.SessionId, out var transcript)
                ? Math.Max(0, visitor.HighestAckedSeq - transcript.Contiguous)
                : visitor.HighestAckedSeq;
        }

        return (missing, transcripts.Values.Sum(t => t.Duplicates), transcripts.Values.Sum(t => t.OutOfOrder));
    }

    /// <summary>Closes the run's sessions (bounded in time, so a broken server cannot keep the tool running) and disconnects.</summary>
    private async Task CleanUpAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var failures = await Task.WhenAll(_agents.Select(a => a.CloseSessionsAsync(timeout.Token)));
            Log($"closed the run's sessions ({failures.Sum()} close calls failed)");
        }
        catch (OperationCanceledException)
        {
            Log("clean-up timed out after 60 s; some sessions stay open");
        }

        await Task.WhenAll(_visitors.Select(v => v.DisposeAsync().AsTask()).Concat(_agents.Select(a => a.DisposeAsync().AsTask())));
    }

    private static void Log(string message) => Console.Error.WriteLine($"chat: {message}");
}
