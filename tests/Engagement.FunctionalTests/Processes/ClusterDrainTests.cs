using System.Net;
using System.Net.Http.Json;
using Engagement.Api.Cluster;
using Engagement.FunctionalTests.EndToEnd;
using Engagement.FunctionalTests.Infrastructure;
using Engagement.LoadTests.Cluster;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Engagement.FunctionalTests.Processes;

/// <summary>
/// The operator's cluster view over two real silo processes (docs/operations.md, "Cluster view and drain"): each silo
/// with its own connections, read through either node; a drain of one asked of the other node, its clients moving as
/// they are told, and the silo leaving the cluster.
/// </summary>
[Collection(ProcessCollection.Name)]
public class ClusterDrainTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_operator_sees_both_silos_and_their_connections_drains_one_through_the_other_node_and_watches_its_clients_move_and_it_leave()
    {
        // Clients get long enough to move on a busy machine: the drain ends as soon as they have.
        await using var cluster = await ProcessCluster.StartAsync(new ProcessClusterOptions(Silos: 2, LoadBalancer: false,
            Settings: new Dictionary<string, string?> { ["Engagement:Drain:Timeout"] = "00:00:30" }));
        var (survivor, drained) = (cluster.Silos[0], cluster.Silos[1]);
        await cluster.WaitForMembershipAsync(survivor, MemberStatus.Active);
        await cluster.WaitForMembershipAsync(drained, MemberStatus.Active);
        output.WriteLine($"survivor {survivor}, drained {drained}; logs in {cluster.LogDirectory}");
        var queue = await cluster.CreateQueueAsync();
        var op = await cluster.CreateAgentAsync(queue, "Olga", role: "operator");
        var agent = await cluster.CreateAgentAsync(queue, "Mira");

        // Two visitors and a workspace on the silo to drain, one visitor on the other.
        var moving = new List<(HubClient Client, Func<Task<HubClient>> Reconnect, TaskCompletionSource<ReconnectNotice> Told)>();
        foreach (var token in new[] { (await cluster.NewVisitorAsync()).Token, (await cluster.NewVisitorAsync()).Token })
            moving.Add(Told(await HubClient.VisitorAsync(drained.BaseUrl, token), () => HubClient.VisitorAsync(survivor.BaseUrl, token)));
        moving.Add(Told(await HubClient.AgentAsync(drained.BaseUrl, agent.Token), () => HubClient.AgentAsync(survivor.BaseUrl, agent.Token)));
        var staying = await HubClient.VisitorAsync(survivor.BaseUrl, (await cluster.NewVisitorAsync()).Token);
        var moved = new List<HubClient> { staying };
        try
        {
            // Either node answers with both silos and each one's own connections.
            using var viaSurvivor = cluster.Http(op.Token, survivor.BaseUrl);
            using var viaDrained = cluster.Http(op.Token, drained.BaseUrl);
            var drainedId = "";
            foreach (var http in new[] { viaSurvivor, viaDrained })
            {
                var view = await ViewUntilAsync(http, v => v.Silos.Count(s => s.Status == ClusterSiloStatus.Active) == 2
                    && Of(v, drained)?.Connections == new HubConnections(2, 1) && Of(v, survivor)?.Connections == new HubConnections(1, 0));
                Assert.Equal(http == viaSurvivor ? survivor.SiloPort : drained.SiloPort, PortOf(view.Silos.Single(s => s.IsThisNode)));
                Assert.All(view.Silos.Where(s => s.Status == ClusterSiloStatus.Active), s => Assert.True(s.Activations > 0 && s.CpuPercent is not null && s.MemoryBytes > 0 && !s.Draining));
                drainedId = Of(view, drained)!.Silo;
            }

            // The drain is asked of the survivor; the drained silo tells its clients to move.
            var drainPath = $"/api/cluster/silos/{Uri.EscapeDataString(drainedId)}/drain";
            var accepted = await viaSurvivor.PostAsync(drainPath, null);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            var answer = (await accepted.Content.ReadFromJsonAsync<ClusterSilo>(EngagementFixtureBase.Json))!;
            Assert.Equal((drainedId, true), (answer.Silo, answer.Draining));
            var again = await viaSurvivor.PostAsync(drainPath, null);
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("\"conflict\"", await again.Content.ReadAsStringAsync());
            foreach (var (_, _, told) in moving) Assert.Equal(ReconnectNotice.Draining, (await told.Task.WaitAsync(TimeSpan.FromSeconds(60))).Reason);
            var draining = await ViewUntilAsync(viaSurvivor, v => Of(v, drained) is { Draining: true });
            Assert.NotNull(Of(draining, drained)!.CloseAt);

            // They move as the SDKs do (a new connection to another node, then the old one dropped); the silo empties and leaves.
            foreach (var (client, reconnect, _) in moving)
            {
                moved.Add(await reconnect());
                await client.DisposeAsync();
            }
            Assert.True(await drained.WaitForExitAsync(TimeSpan.FromSeconds(90)), $"the drained silo did not exit; its log:\n{drained.LogTail()}");
            Assert.Equal(0, drained.ExitCode);
            var after = await ViewUntilAsync(viaSurvivor, v => Of(v, drained) is { Status: ClusterSiloStatus.Dead } && Of(v, survivor)?.Connections == new HubConnections(3, 1));
            Assert.Null(Of(after, drained)!.Connections);

            // A silo that has left cannot be drained again.
            var gone = await viaSurvivor.PostAsync(drainPath, null);
            Assert.Equal(HttpStatusCode.Conflict, gone.StatusCode);
        }
        finally
        {
            foreach (var client in moved) await client.DisposeAsync();
            foreach (var (client, _, _) in moving) await client.DisposeAsync();
        }
    }

    private static int PortOf(ClusterSilo silo) => int.Parse(silo.Endpoint[(silo.Endpoint.LastIndexOf(':') + 1)..]);

    private static ClusterSilo? Of(ClusterSnapshot view, SiloProcess silo) =>
        view.Silos.Where(s => PortOf(s) == silo.SiloPort).MaxBy(s => s.StartedAt);

    /// <summary>A client on the silo to drain, how it reconnects elsewhere, and the <c>reconnect</c> event it will be sent.</summary>
    private static (HubClient, Func<Task<HubClient>>, TaskCompletionSource<ReconnectNotice>) Told(HubClient client, Func<Task<HubClient>> reconnect)
    {
        var told = new TaskCompletionSource<ReconnectNotice>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Connection.On<ReconnectNotice>(ClientEvents.Reconnect, notice => told.TrySetResult(notice));
        return (client, reconnect, told);
    }

    /// <summary>Reads the cluster view until it passes; the deadline only bounds a failing test.</summary>
    private static async Task<ClusterSnapshot> ViewUntilAsync(HttpClient http, Func<ClusterSnapshot, bool> passes)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        ClusterSnapshot? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await http.GetFromJsonAsync<ClusterSnapshot>("/api/cluster", EngagementFixtureBase.Json);
            if (passes(last!)) return last!;
            await Task.Delay(250);
        }
        throw new TimeoutException($"The cluster view did not get there; last: {System.Text.Json.JsonSerializer.Serialize(last, EngagementFixtureBase.Json)}");
    }
}
