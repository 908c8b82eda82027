using System.Net.Http.Json;
using System.Text.Json;
using Engagement.Client;
using Engagement.FunctionalTests.Infrastructure;
using Engagement.LoadTests.Cluster;
using Engagement.LoadTests.Failover;
using Xunit.Abstractions;

namespace Engagement.FunctionalTests.Processes;

/// <summary>
/// Faults in one of three silo processes under chat traffic through HAProxy, with visitors and agents connected to
/// all three (the project's .NET client, which does the documented recovery): kill -9, a SIGTERM drain, a SIGSTOP
/// freeze past the failure detector. Nothing acknowledged is lost; every message reaches its agent once and in
/// order; agents' presence and load are right again; after a kill, new conversations are routed to agents on every
/// silo, not only to those that reconnected.
/// </summary>
[Collection(ProcessCollection.Name)]
public class ChaosTests(ITestOutputHelper output)
{
    private const int Conversations = 24;
    private const int Agents = 6;

    [Fact]
    public async Task A_silo_killed_under_chat_load_costs_no_message_no_order_and_no_presence()
    {
        await using var cluster = await ProcessCluster.StartAsync(new ProcessClusterOptions(Silos: 3, LoadBalancer: true));
        var victim = cluster.Silos[1];
        var (traffic, result) = await UnderTrafficAsync(cluster, "kill -9 " + victim.Name, async () =>
        {
            await victim.KillAsync();
            await cluster.WaitForMembershipAsync(victim, MemberStatus.Dead);
        }, after: TimeSpan.FromSeconds(8));
        await using var _ = traffic;

        AssertNothingLostMissedReorderedOrDuplicated(result);
        Assert.Equal(0, result.Failed);
        Assert.True(result.Reconnects > 0, "some clients were on the killed silo");
        await AssertPresenceAndLoadAsync(cluster, traffic);
        await AssertRoutingSpreadsAsync(cluster, traffic);
    }

    [Fact]
    public async Task A_silo_drained_with_SIGTERM_moves_its_clients_and_exits_without_a_client_seeing_an_error()
    {
        await using var cluster = await ProcessCluster.StartAsync(new ProcessClusterOptions(Silos: 3, LoadBalancer: true,
            Settings: new Dictionary<string, string?> { ["Engagement:Drain:Timeout"] = "00:00:10" }));
        var drained = cluster.Silos[2];
        var exitedByItself = false;
        var (traffic, result) = await UnderTrafficAsync(cluster, "SIGTERM " + drained.Name,
            async () => exitedByItself = await drained.TerminateAsync(TimeSpan.FromSeconds(60)), after: TimeSpan.FromSeconds(4));
        await using var _ = traffic;

        Assert.True(exitedByItself, "the drained silo exits by itself within the bound");
        Assert.Equal(0, drained.ExitCode);
        Assert.True(result.Moves > 0, "clients on the drained silo moved when told to");
        Assert.Equal(0, result.Reconnects); // none was cut off: each moved before the drain closed anything
        Assert.Equal(0, result.Failed);
        AssertNothingLostMissedReorderedOrDuplicated(result);
        await AssertPresenceAndLoadAsync(cluster, traffic);
    }

    [Fact]
    public async Task A_silo_frozen_past_the_failure_detector_and_thawed_corrupts_and_duplicates_nothing()
    {
        await using var cluster = await ProcessCluster.StartAsync(new ProcessClusterOptions(Silos: 3, LoadBalancer: true));
        var frozen = cluster.Silos[0];
        var (traffic, result) = await UnderTrafficAsync(cluster, "SIGSTOP " + frozen.Name, async () =>
        {
            await frozen.FreezeAsync();
            await cluster.WaitForMembershipAsync(frozen, MemberStatus.Dead, seconds: 120);
            frozen.Thaw(); // it learns it was declared dead and stops itself; whatever it still had in flight is fenced out
        }, after: TimeSpan.FromSeconds(6));
        await using var _ = traffic;

        Assert.True(await frozen.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the thawed silo stops itself once it learns it was declared dead");
        AssertNothingLostMissedReorderedOrDuplicated(result);
        await AssertPresenceAndLoadAsync(cluster, traffic);
    }

    /// <summary>
    /// Chat traffic through HAProxy with clients on every silo; after a few seconds <paramref name="fault"/> (marked
    /// as the fault's moment), <paramref name="after"/> more of traffic, then every answer and delivery awaited and judged.
    /// </summary>
    private async Task<(FailoverTraffic Traffic, FailoverTrafficResult Result)> UnderTrafficAsync(
        ProcessCluster cluster, string label, Func<Task> fault, TimeSpan after)
    {
        var lb = cluster.LoadBalancer!;
        var traffic = await FailoverTraffic.StartAsync(
            new FailoverTrafficOptions([lb.Url], EngagementFixtureBase.AdminEmail, EngagementFixtureBase.AdminPassword, Conversations, Agents, Capacity: 8, Rate: 60),
            CancellationToken.None);
        try
        {
            await WaitForConnectionsOnEverySiloAsync(lb, cluster.Silos);
            using var stop = new CancellationTokenSource();
            var sending = traffic.RunAsync(stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(4));
            output.WriteLine($"{label}; logs in {cluster.LogDirectory}");
            traffic.Fault(label);
            await fault();
            await Task.Delay(after);
            await stop.CancelAsync();
            await sending;
            var result = await traffic.FinishAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
            var outcome = Assert.Single(result.Faults);
            output.WriteLine($"sent {result.Sent}, acked {result.Acked}, reconnects {result.Reconnects}, moves {result.Moves}; " +
                             $"recovery p50 {outcome.RecoveryP50:0.00} s, max {outcome.RecoveryMax:0.00} s; errors {outcome.Errors} ({string.Join("; ", outcome.ErrorKinds)})");
            foreach (var violation in result.Violations) output.WriteLine("  " + violation);
            return (traffic, result);
        }
        catch
        {
            await traffic.DisposeAsync();
            throw;
        }
    }

    private static void AssertNothingLostMissedReorderedOrDuplicated(FailoverTrafficResult result)
    {
        Assert.True(result.Acked > 0);
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.Missed);
        Assert.Equal(0, result.OutOfOrder);
        Assert.Equal(0, result.Duplicates);
        Assert.Equal(0, result.Faults[0].Unrecovered);
    }

    /// <summary>Every agent shows online with its one connection, and as busy as the sessions it holds.</summary>
    private static async Task AssertPresenceAndLoadAsync(ProcessCluster cluster, FailoverTraffic traffic)
    {
        using var http = cluster.Http(cluster.AdminToken);
        foreach (var (agentId, connection) in traffic.Agents)
        {
            var seen = "";
            await Eventually(async () =>
            {
                var status = (await http.GetFromJsonAsync<JsonElement>($"/api/agents/{agentId}")).GetProperty("status");
                seen = status.ToString();
                return status.GetProperty("presence").GetString() != "offline"
                    && status.GetProperty("connections").GetInt32() == 1
                    && status.GetProperty("activeSessions").GetArrayLength() == connection.Sessions.Count;
            }, () => $"agent {agentId} is online with one connection and its client's {connection.Sessions.Count} sessions (last seen: {seen})");
        }
    }

    /// <summary>New visitors after the failure reach several agents, including ones that never had to reconnect.</summary>
    private async Task AssertRoutingSpreadsAsync(ProcessCluster cluster, FailoverTraffic traffic)
    {
        var before = traffic.Agents.ToDictionary(a => a.AgentId, a => a.Connection.Sessions.Select(s => s.SessionId).ToHashSet());
        var visitors = new List<EngagementConnection>();
        try
        {
            for (var i = 0; i < Agents; i++)
            {
                var token = (await cluster.NewVisitorAsync()).Token;
                var visitor = new EngagementConnection(new EngagementConnectionOptions([new Uri(cluster.LoadBalancer!.Url, "/hubs/visitor")], () => Task.FromResult<string?>(token)));
                visitors.Add(visitor);
                await visitor.StartAsync();
                await visitor.StartSessionAsync(new { queueId = traffic.QueueId, requestId = Guid.NewGuid().ToString("N") });
            }
            var newSessions = visitors.SelectMany(v => v.Sessions.Select(s => s.SessionId)).ToHashSet();
            var takers = new HashSet<string>();
            await Eventually(() =>
            {
                takers = traffic.Agents.Where(a => a.Connection.Sessions.Any(s => newSessions.Contains(s.SessionId) && !before[a.AgentId].Contains(s.SessionId)))
                    .Select(a => a.AgentId).ToHashSet();
                return Task.FromResult(traffic.Agents.Sum(a => a.Connection.Sessions.Count(s => newSessions.Contains(s.SessionId))) == newSessions.Count);
            }, "every new conversation is accepted");
            output.WriteLine($"new conversations went to {takers.Count} agents: {string.Join(", ", takers)}");
            Assert.True(takers.Count >= 2, "new conversations are spread over several agents");
            Assert.Contains(traffic.Agents, a => takers.Contains(a.AgentId) && a.Connection.Reconnects == 0);
        }
        finally
        {
            foreach (var visitor in visitors) await visitor.DisposeAsync();
        }
    }

    /// <summary>HAProxy's leastconn spreads the clients: the test needs connections on every silo, the victim included.</summary>
    private static async Task WaitForConnectionsOnEverySiloAsync(HaproxyProcess lb, IReadOnlyList<SiloProcess> silos) =>
        await Eventually(() => Task.FromResult(silos.All(s => lb.Requests().Any(r => r.Server == s.Name && r.Status == 101))),
            "every silo holds hub connections");

    private static Task Eventually(Func<Task<bool>> condition, string what, int seconds = 60) => Eventually(condition, () => what, seconds);

    private static async Task Eventually(Func<Task<bool>> condition, Func<string> what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still not true: {what()}");
            await Task.Delay(200);
        }
    }
}
