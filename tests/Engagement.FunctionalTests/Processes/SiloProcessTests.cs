using Engagement.LoadTests.Cluster;
using Engagement.FunctionalTests.Infrastructure;

namespace Engagement.FunctionalTests.Processes;

/// <summary>Silos as real OS processes: they form a cluster, and a killed one is declared dead while the others carry on.</summary>
[Collection(ProcessCollection.Name)]
public class SiloProcessTests
{
    private const int SigKillExitCode = 128 + 9;

    [Fact]
    public async Task Two_silo_processes_form_a_cluster_and_the_survivor_stays_ready_when_the_other_is_killed()
    {
        await using var cluster = await ProcessCluster.StartAsync(new ProcessClusterOptions(Silos: 2, LoadBalancer: false));
        var (victim, survivor) = (cluster.Silos[0], cluster.Silos[1]);
        Assert.NotEqual(victim.ProcessId, survivor.ProcessId);
        await cluster.WaitForMembershipAsync(victim, MemberStatus.Active);
        await cluster.WaitForMembershipAsync(survivor, MemberStatus.Active);
        // One cluster, not two: what one node writes, the other reads.
        var queue = await cluster.CreateQueueAsync();
        using (var viaSurvivor = cluster.Http(cluster.AdminToken, survivor.BaseUrl))
            (await viaSurvivor.GetAsync($"/api/queues/{queue}")).EnsureSuccessStatusCode();

        await victim.KillAsync();

        Assert.True(victim.HasExited);
        Assert.Equal(SigKillExitCode, victim.ExitCode);
        var dead = await cluster.WaitForMembershipAsync(victim, MemberStatus.Dead);
        Assert.Equal(victim.Name, dead.SiloName);
        Assert.Equal(MemberStatus.Active, (await cluster.MembershipAsync()).Single(e => e.Port == survivor.SiloPort).Status);
        Assert.True(await survivor.IsReadyAsync(), $"the survivor is not ready; its log:\n{survivor.LogTail()}");
        using var http = cluster.Http(cluster.AdminToken, survivor.BaseUrl);
        await ServedAfterUnavailableAsync(http, $"/api/queues/{queue}");
    }

    /// <summary>
    /// GETs <paramref name="path"/> until it answers 200, as a client does after a node died (docs/protocol.md, Retrying
    /// after unavailable). The table says Dead once the survivor's vote is written; the survivor's own routing drops
    /// the dead silo a moment later, and a call meeting it meanwhile answers 503 "unavailable" (seen 170 ms after the
    /// vote on a loaded machine). Only that answer is waited past; any other fails the test.
    /// </summary>
    private static async Task ServedAfterUnavailableAsync(HttpClient http, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await http.GetAsync(path);
            if (response.IsSuccessStatusCode) return;
            var body = await response.Content.ReadAsStringAsync();
            var unavailable = response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable
                && System.Text.Json.JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var code) && code.GetString() == "unavailable";
            Assert.True(unavailable && DateTime.UtcNow < deadline, $"GET {path} answered {(int)response.StatusCode}: {body}");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task A_frozen_silo_answers_again_once_thawed_and_terminates_gracefully()
    {
        // One silo: nobody else can declare it dead while it is frozen, so it must come back as it was.
        await using var cluster = await ProcessCluster.StartAsync(new ProcessClusterOptions(Silos: 1, LoadBalancer: false));
        var silo = cluster.Silos[0];

        await silo.FreezeAsync();
        Assert.False(await silo.IsReadyAsync(), "a frozen silo answered /health/ready");
        silo.Thaw();
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        Assert.True(await silo.TerminateAsync(), $"the silo did not stop within a minute of SIGTERM; its log:\n{silo.LogTail()}");
        Assert.Equal(0, silo.ExitCode);
        // A graceful stop leaves the cluster itself: its row is Dead without anyone voting.
        await cluster.WaitForMembershipAsync(silo, MemberStatus.Dead);
    }
}
