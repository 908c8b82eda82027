using System.Net.Http.Json;
using System.Text.Json;
using Engagement.FunctionalTests.EndToEnd;
using Engagement.FunctionalTests.Infrastructure;
using Engagement.LoadTests.Cluster;

namespace Engagement.FunctionalTests.Processes;

/// <summary>
/// Grains drop the connections of a silo that died as soon as the cluster declares it dead (SiloDepartures), not when
/// those connections' leases lapse: presence is right within the detection time and the disconnect grace.
/// </summary>
[Collection(ProcessCollection.Name)]
public class SiloDepartureTests
{
    private const int Agents = 4;

    [Fact]
    public async Task Agents_whose_workspaces_were_on_a_killed_node_go_offline_once_it_is_declared_dead()
    {
        // Leases that outlast the test: only the news that the node left can take these agents offline.
        await using var cluster = await ProcessCluster.StartAsync(new ProcessClusterOptions(Silos: 2, LoadBalancer: false,
            Settings: new Dictionary<string, string?> { [$"{PresenceOptions.Section}:ConnectionTimeout"] = "00:30:00" }));
        var (survivor, victim) = (cluster.Silos[0], cluster.Silos[1]);
        await cluster.WaitForMembershipAsync(survivor, MemberStatus.Active);
        await cluster.WaitForMembershipAsync(victim, MemberStatus.Active);
        var queue = await cluster.CreateQueueAsync();

        // Several agents, so some of their grains live on the survivor (a grain on the victim dies with it and comes
        // back without connections, which proves nothing here).
        var agents = new List<(string AgentId, HubClient Workspace)>();
        for (var i = 0; i < Agents; i++)
        {
            var login = await cluster.CreateAgentAsync(queue, $"departure-{i}");
            agents.Add((login.AgentId, await HubClient.AgentAsync(victim.BaseUrl, login.Token)));
        }
        using var http = cluster.Http(cluster.AdminToken, survivor.BaseUrl);
        foreach (var (agentId, _) in agents)
            await StatusEventuallyAsync(http, agentId, s => s.GetProperty("presence").GetString() != "offline" && s.GetProperty("connections").GetInt32() == 1);

        await victim.KillAsync();
        await cluster.WaitForMembershipAsync(victim, MemberStatus.Dead);

        foreach (var (agentId, _) in agents)
            await StatusEventuallyAsync(http, agentId, s => s.GetProperty("presence").GetString() == "offline" && s.GetProperty("connections").GetInt32() == 0);
        foreach (var (_, workspace) in agents) await workspace.DisposeAsync();
    }

    /// <summary>
    /// Reads an agent's status through the survivor until it passes; an "unavailable" answer while the survivor drops
    /// the dead node's routes is read past (docs/protocol.md, retrying after unavailable).
    /// </summary>
    private static async Task StatusEventuallyAsync(HttpClient http, string agentId, Func<JsonElement, bool> passes)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var seen = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync($"/api/agents/{agentId}");
            if (response.IsSuccessStatusCode)
            {
                var status = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status");
                seen = status.ToString();
                if (passes(status)) return;
            }
            else
            {
                seen = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
            }
            await Task.Delay(250);
        }
        Assert.Fail($"agent {agentId}: last seen {seen}");
    }
}
