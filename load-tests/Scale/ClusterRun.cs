using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Engagement.Scale;

/// <summary>
/// One cluster size, in order: deploy; count the idle cluster's queries; a silo joins; customer grains activate and
/// spread; a silo calls grains active elsewhere, twice; a silo stops; a silo holding grains is killed and its grains
/// are called again. Times are wall-clock on whatever else the machine runs; the waits only bound a failure.
/// </summary>
public sealed class ClusterRun(ScaleDatabase database, IConfiguration configuration, short silos, int grainsPerSilo, int idleSeconds, TextWriter log)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private InProcessTestCluster _cluster = null!;

    public async Task<ClusterFigures> RunAsync()
    {
        _cluster = ScaleSilo.Build(silos, database.ConnectionString, configuration);
        try
        {
            var clock = Stopwatch.StartNew();
            await _cluster.DeployAsync();
            await Until(() => AllSee(s => s == SiloStatus.Active, _cluster.Silos.Select(s => s.SiloAddress).ToArray()), "every silo sees every other Active");
            var deploy = clock.Elapsed;
            log.WriteLine($"  deployed in {ScaleBench.Seconds(deploy)} s; idle for {idleSeconds} s");

            await Task.Delay(TimeSpan.FromSeconds(5)); // start-up queries settle into the idle pattern
            var before = await database.CountersAsync();
            await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
            var after = await database.CountersAsync();

            clock.Restart();
            var joined = await _cluster.StartAdditionalSiloAsync();
            var joinStarted = clock.Elapsed;
            await Until(() => AllSee(s => s == SiloStatus.Active, [joined.SiloAddress]), "every silo sees the new one Active");
            var joinSeen = clock.Elapsed;
            log.WriteLine($"  join {ScaleBench.Seconds(joinStarted)} / {ScaleBench.Seconds(joinSeen)} s");
            await _cluster.WaitForLivenessToStabilizeAsync(); // the directory's partitions settle on the new ring

            var ids = Enumerable.Range(0, grainsPerSilo * _cluster.Silos.Count).Select(i => $"bench-cluster-{silos}-{i}").ToArray();
            await ForEach(ids, id => _cluster.Client.GetCustomer(id).Touch());
            var hosts = await HostsOf(ids);
            var spread = _cluster.Silos.Select(s => hosts.Values.Count(h => h.Equals(s.SiloAddress))).ToArray();
            log.WriteLine($"  {hosts.Count} of {ids.Length} grains active, per silo: {string.Join(' ', spread)}");

            var caller = _cluster.Silos[0];
            var remote = hosts.Where(h => !h.Value.Equals(caller.SiloAddress)).Select(h => h.Key).Take(500).ToArray();
            var grains = caller.ServiceProvider.GetRequiredService<IGrainFactory>();
            var first = await Latencies(remote, id => grains.GetCustomer(id).Get());
            var repeat = await Latencies(remote, id => grains.GetCustomer(id).Get());

            var leaving = _cluster.Silos[1];
            clock.Restart();
            await _cluster.StopSiloAsync(leaving);
            await Until(() => AllSee(s => s == SiloStatus.Dead, [leaving.SiloAddress]), "every silo sees the stopped one Dead");
            var stopSeen = clock.Elapsed;

            var victim = _cluster.Silos[^1];
            var onVictim = (await HostsOf(ids)).Where(h => h.Value.Equals(victim.SiloAddress)).Select(h => h.Key).ToArray();
            clock.Restart();
            await _cluster.KillSiloAsync(victim);
            var killSeen = TimeSpan.Zero;
            var killInTable = TimeSpan.Zero;
            await Until(async () =>
            {
                if (killSeen == TimeSpan.Zero && AllSee(s => s == SiloStatus.Dead, [victim.SiloAddress])) killSeen = clock.Elapsed;
                if (killInTable == TimeSpan.Zero && await StatusInTable(victim.SiloAddress) == 6) killInTable = clock.Elapsed;
                return killSeen > TimeSpan.Zero && killInTable > TimeSpan.Zero;
            }, "every silo and the table see the killed one Dead");
            clock.Restart();
            await ForEach(onVictim, id => _cluster.Client.GetCustomer(id).Get());
            var reactivated = (onVictim.Length, clock.Elapsed);
            log.WriteLine($"  stop {ScaleBench.Seconds(stopSeen)} s, kill {ScaleBench.Seconds(killSeen)} / {ScaleBench.Seconds(killInTable)} s, {onVictim.Length} re-activated");

            return new ClusterFigures(silos, deploy, joinStarted, joinSeen, hosts.Count, spread, first, repeat, stopSeen, killSeen, killInTable,
                reactivated, after.RatesSince(before), after.Connections);
        }
        finally
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }

    private bool AllSee(Func<SiloStatus, bool> status, SiloAddress[] targets) =>
        _cluster.Silos.All(o =>
        {
            var view = o.ServiceProvider.GetRequiredService<IClusterMembershipService>().CurrentSnapshot;
            return targets.All(t => status(view.GetSiloStatus(t)));
        });

    private Task Until(Func<bool> condition, string what) => Until(() => Task.FromResult(condition()), what);

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still not true after {Bound.TotalSeconds:0} s: {what}");
            await Task.Delay(20);
        }
    }

    private async Task<int?> StatusInTable(SiloAddress silo)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT status FROM orleans.cluster_silo WHERE cluster_id = @cluster AND port = @port AND generation = @generation", connection);
        command.Parameters.AddWithValue("cluster", _cluster.Options.ClusterId);
        command.Parameters.AddWithValue("port", silo.Endpoint.Port);
        command.Parameters.AddWithValue("generation", silo.Generation);
        return await command.ExecuteScalarAsync() is int status ? status : null;
    }

    /// <summary>
    /// Where each customer grain of <paramref name="ids"/> is active, as the silos report their own activations (not
    /// the directory, which may be moving partitions right after a membership change).
    /// </summary>
    private async Task<Dictionary<string, SiloAddress>> HostsOf(IEnumerable<string> ids)
    {
        var wanted = ids.ToDictionary(GrainKeys.Customer); // grain key → customer id
        var statistics = await _cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Where(s => s.GrainId.Type.ToString() == "customer" && wanted.ContainsKey(s.GrainId.Key.ToString()!))
            .ToDictionary(s => wanted[s.GrainId.Key.ToString()!], s => s.SiloAddress);
    }

    /// <summary>Calls one grain at a time (so each call's time is its own), p50 and p99 in milliseconds.</summary>
    private static async Task<(double, double)> Latencies(IEnumerable<string> ids, Func<string, Task> call)
    {
        var times = new List<double>();
        if (!ids.Any()) return (double.NaN, double.NaN);
        foreach (var id in ids)
        {
            var start = Stopwatch.GetTimestamp();
            await call(id);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[Math.Min(times.Count - 1, (int)(times.Count * 0.99))]);
    }

    private static Task ForEach(IEnumerable<string> ids, Func<string, Task> call) =>
        Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, _) => await call(id));
}
