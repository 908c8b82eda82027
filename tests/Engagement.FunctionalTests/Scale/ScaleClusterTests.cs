using Engagement.FunctionalTests.Cluster;
using Engagement.LoadTests.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Engagement.FunctionalTests.Scale;

/// <summary>
/// A dozen silos on AdoNet clustering (docs/scaling.md, "Checked by simulation"): membership converges and agrees
/// on departures, grains spread over the silos and are found from any of them, and routing works when the queue,
/// the agent and the agent's connection live on different silos. Behaviour only; the waits only bound a failure.
/// The tests that remove silos leave at least ten running, and every test looks only at the live ones.
/// </summary>
public sealed class ScaleClusterTests(ScaleClusterFixture cluster) : IClassFixture<ScaleClusterFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_silo_sees_every_other_active_and_so_does_the_membership_table()
    {
        var silos = cluster.Silos;
        Assert.True(silos.Count >= 10);
        await Until(() => Task.FromResult(silos.All(o => silos.All(s => ScaleClusterFixture.StatusSeenBy(o, s.SiloAddress) == SiloStatus.Active))),
            "every silo sees every other Active");
        foreach (var silo in silos) Assert.Equal(MemberStatus.Active, await cluster.StatusInTable(silo.SiloAddress));
    }

    [Fact]
    public async Task Grains_created_on_every_silo_spread_over_them_once_each_and_are_found_from_any_silo()
    {
        // Each silo's hubs create the grains of its connections: here 20 customers per silo, from inside each.
        var silos = cluster.Silos;
        var created = silos.ToDictionary(s => s.SiloAddress, _ => Enumerable.Range(0, 20).Select(_ => $"scale-spread-{Guid.NewGuid():N}").ToArray());
        await Task.WhenAll(silos.Select(s => Task.WhenAll(created[s.SiloAddress].Select(id => s.ServiceProvider.GetRequiredService<IGrainFactory>().GetCustomer(id).Touch()))));
        var ids = created.Values.SelectMany(v => v).ToArray();

        var hosts = await HostsOf(ids);
        Assert.Equal(ids.Length, hosts.Count); // each active, and only once (HostsOf fails on a second activation)
        Assert.All(silos, s => Assert.Contains(s.SiloAddress, hosts.Values));

        // From inside every silo, a sample of everyone's grains answers, from the one activation each has.
        foreach (var silo in silos)
        {
            var grains = silo.ServiceProvider.GetRequiredService<IGrainFactory>();
            await Task.WhenAll(ids.Where((_, i) => i % 7 == silo.InstanceNumber % 7).Select(id => grains.GetCustomer(id).Get()));
        }
        Assert.Equal(hosts, await HostsOf(ids));
    }

    [Fact]
    public async Task Offers_reach_agents_whose_connections_are_on_other_silos_than_the_queue()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue(); // active from here on: the agents' connections go to other silos
        var queueSilo = await cluster.SiloOf(s.Grains.GetQueue(queue));
        var elsewhere = Enumerable.Range(0, cluster.Silos.Count).Where(i => !cluster.Silos[i].SiloAddress.Equals(queueSilo)).Take(4).ToArray();
        var agents = new List<(string Id, ConnectionRef Connection, RecordingRouter Events)>();
        foreach (var (index, n) in elsewhere.Select((index, n) => (index, n)))
        {
            var id = await s.Agent(queue, $"agent{n}");
            var (connection, events) = await s.ConnectAgent(id, index);
            agents.Add((id, connection, events));
        }

        var sessions = Enumerable.Range(0, 4).Select(_ => Scenario.NewSessionId()).ToArray();
        foreach (var id in sessions) await s.Grains.GetSession(id).Start(Scenario.Visitor(Scenario.NewVisitorId()), new StartSessionRequest(queue, "Scale"));

        foreach (var id in sessions)
        {
            await Until(() => Task.FromResult(agents.Any(a => a.Events.EventsFor(a.Connection.ConnectionId)
                .Any(e => e.Name == ClientEvents.Offer && e.Payload is SessionOffer o && o.SessionId == id))), $"session {id} offered to an agent");
        }
        Assert.All(agents, a => Assert.NotEqual(queueSilo, a.Connection.Silo));
    }

    [Fact]
    public async Task A_stopped_silo_is_declared_dead_by_all_and_its_grains_activate_elsewhere_on_the_next_call()
    {
        var ids = Enumerable.Range(0, 10 * cluster.Silos.Count).Select(_ => $"scale-stop-{Guid.NewGuid():N}").ToArray();
        await Task.WhenAll(ids.Select(id => cluster.Cluster.Client.GetCustomer(id).Touch()));
        var leaving = cluster.Silos[^1];
        var hosts = await HostsOf(ids);
        var onLeaving = hosts.Where(h => h.Value.Equals(leaving.SiloAddress)).Select(h => h.Key).ToArray();
        Assert.NotEmpty(onLeaving);

        await cluster.Cluster.StopSiloAsync(leaving);

        await UntilAllAgreeDead(leaving.SiloAddress);
        await Task.WhenAll(onLeaving.Select(id => cluster.Cluster.Client.GetCustomer(id).Touch()));
        var moved = await HostsOf(onLeaving);
        Assert.All(moved.Values, host => Assert.Contains(cluster.Silos, s => s.SiloAddress.Equals(host)));
    }

    /// <summary>
    /// The test host's kill stops the silo's host with a cancelled token: ungraceful, but in process its connections
    /// close at once, so this is not a crash detected by missed probes (that is ./engage bench failover's kill -9).
    /// </summary>
    [Fact]
    public async Task A_killed_silo_is_declared_dead_by_all_the_others()
    {
        var victim = cluster.Silos[^1];
        await cluster.Cluster.KillSiloAsync(victim);
        await UntilAllAgreeDead(victim.SiloAddress);
    }

    private async Task UntilAllAgreeDead(SiloAddress gone)
    {
        await Until(() => Task.FromResult(cluster.Silos.All(o => ScaleClusterFixture.StatusSeenBy(o, gone) == SiloStatus.Dead)),
            $"every silo sees {gone} Dead");
        await Until(async () => await cluster.StatusInTable(gone) == MemberStatus.Dead, $"the table says {gone} is Dead");
    }

    /// <summary>
    /// Where each customer grain of <paramref name="ids"/> is active, as the silos report their own activations (not
    /// the directory, which may be moving partitions right after a membership change).
    /// </summary>
    private async Task<Dictionary<string, SiloAddress>> HostsOf(IEnumerable<string> ids)
    {
        var wanted = ids.ToDictionary(GrainKeys.Customer); // grain key → customer id
        var statistics = await cluster.Cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Where(s => s.GrainId.Type.ToString() == "customer" && wanted.ContainsKey(s.GrainId.Key.ToString()!))
            .GroupBy(s => wanted[s.GrainId.Key.ToString()!])
            .ToDictionary(g => g.Key, g => Assert.Single(g).SiloAddress);
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still not true after {Bound.TotalSeconds:0} s: {what}");
            await Task.Delay(100);
        }
    }
}
