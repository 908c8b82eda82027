using Engagement.LoadTests.Api;
using Engagement.LoadTests.Cluster;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// Silos as the benchmarks run them: the published Release silo in Production (SiloProcess), on the benchmark's
/// fresh database, with the admin account the load tool signs in with, and no per-address limit on new visitors
/// (every visitor of the load tool comes from 127.0.0.1). Stopped gracefully when disposed.
/// </summary>
internal sealed class BenchSilos(BenchSetup setup, BenchDatabase database) : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];

    /// <summary>
    /// The settings every benchmark silo gets, as environment variables: also for silos another command starts
    /// (the failover run), which pass their environment on.
    /// </summary>
    public static Dictionary<string, string?> Settings(BenchSetup setup) => new()
    {
        ["Engagement__Auth__SigningKey"] = setup.Secret,
        ["Engagement__Visitors__Creation__PerMinute"] = "0",
        ["Engagement__Seed__Agents__0__AgentId"] = "admin",
        ["Engagement__Seed__Agents__0__DisplayName"] = "Admin",
        ["Engagement__Seed__Agents__0__Email"] = AdminOptions.DefaultEmail,
        ["Engagement__Seed__Agents__0__Password"] = AdminOptions.DefaultPassword,
        ["Engagement__Seed__Agents__0__Role"] = "Admin",
    };

    /// <summary>Starts a silo on <paramref name="webPort"/> (its log replaced) and waits until it is ready.</summary>
    public async Task<SiloProcess> StartAsync(string name, int webPort, string logName, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var log = setup.Out(logName);
        BenchLog.Info($"starting {name} on 127.0.0.1:{webPort}, database {database.Name} (log: {BenchSetup.Shown(log)})");
        File.Delete(log);
        var settings = Settings(setup);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        var silo = await SiloProcess.StartAsync(new SiloProcessOptions(name, database.ConnectionString, webPort, FreePorts.One(), settings, log)
        {
            SiloDll = setup.Silo,
        });
        _silos.Add(silo);
        return silo;
    }

    /// <summary>All at once: each leaves the cluster by itself.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_silos.Select(s => s.TerminateAsync()));
        foreach (var silo in _silos) await silo.DisposeAsync();
    }
}
