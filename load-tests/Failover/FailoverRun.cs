using System.Diagnostics;
using Engagement.LoadTests.Cluster;

namespace Engagement.LoadTests.Failover;

/// <summary>
/// <c>./engage bench failover</c>: S silo processes on one database behind HAProxy, chat traffic through it
/// (<see cref="FailoverTraffic"/>), then K times: wait a random while, kill -9 a random silo, time how long the
/// cluster takes to declare it dead, and bring it back on the same ports once the survivors have it marked
/// down — optionally with a PostgreSQL restart between kills. Everything it starts it stops.
/// </summary>
internal sealed class FailoverRun(FailoverSettings settings)
{
    private readonly List<SiloProcess> _silos = [];
    private HaproxyProcess? _haproxy;

    public async Task<FailoverReport> RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.LogDirectory);
        try
        {
            Log($"starting {settings.Silos} silos and HAProxy (logs in {settings.LogDirectory})");
            var started = await Task.WhenAll(Enumerable.Range(0, settings.Silos).Select(_ => StartSiloAsync()));
            _silos.AddRange(started);
            _haproxy = await HaproxyProcess.StartAsync(_silos, settings.LogDirectory, settings.HaproxyConfig);
            Log($"cluster up behind {_haproxy.Url}; setting up {settings.Traffic.Conversations} conversations");
            await using var traffic = await FailoverTraffic.StartAsync(settings.Traffic with { Urls = [_haproxy.Url] }, cancellationToken);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sending = traffic.RunAsync(stop.Token);
            Log($"sending {settings.Traffic.Rate} msg/s; warm-up {settings.Warmup.TotalSeconds:0} s");
            await Task.Delay(settings.Warmup, cancellationToken);

            var detections = new List<double>();
            var random = new Random(settings.Seed);
            for (var kill = 1; kill <= settings.Kills; kill++)
            {
                await Task.Delay(TimeSpan.FromSeconds(settings.MinGap.TotalSeconds + random.NextDouble() * (settings.MaxGap - settings.MinGap).TotalSeconds), cancellationToken);
                if (settings.PostgresRestart && kill == (settings.Kills + 1) / 2) await RestartPostgresAsync(traffic, cancellationToken);
                detections.Add(await KillOneAsync(traffic, random.Next(_silos.Count), kill, cancellationToken));
            }
            await Task.Delay(settings.Tail, cancellationToken);
            await stop.CancelAsync();
            await sending;
            Log("stopped sending; waiting for every answer and delivery");
            var result = await traffic.FinishAsync(settings.Drain, cancellationToken);
            return new FailoverReport(settings, detections, result);
        }
        finally
        {
            if (_haproxy is not null) await _haproxy.DisposeAsync();
            foreach (var silo in _silos) await silo.DisposeAsync();
        }
    }

    /// <summary>Kills silo <paramref name="index"/>, returns seconds until the membership table says Dead, and restarts it.</summary>
    private async Task<double> KillOneAsync(FailoverTraffic traffic, int index, int number, CancellationToken ct)
    {
        var victim = _silos[index];
        var clock = Stopwatch.StartNew();
        await victim.KillAsync();
        traffic.Fault($"kill {number}: {victim.Name}");
        var dead = await MembershipTable.WaitForAsync(settings.ConnectionString, victim.SiloPort, MemberStatus.Dead, TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(20), ct);
        var detection = clock.Elapsed.TotalSeconds;
        Log($"kill {number}: {victim.Name} (pid {victim.ProcessId}) declared dead after {detection:0.00} s (generation {dead.Generation})");
        await _haproxy!.WaitForServerAsync(victim.Name, "DOWN", TimeSpan.FromSeconds(30));
        var restarted = await SiloProcess.StartAsync(victim.Options);
        _silos[index] = restarted;
        await victim.DisposeAsync();
        await _haproxy.WaitForServerAsync(victim.Name, "UP", TimeSpan.FromSeconds(60));
        Log($"kill {number}: {victim.Name} back (pid {restarted.ProcessId})");
        return detection;
    }

    /// <summary>Stops PostgreSQL for a few seconds through ./engage, as an operator restarting it would.</summary>
    private async Task RestartPostgresAsync(FailoverTraffic traffic, CancellationToken ct)
    {
        traffic.Fault("postgresql restart");
        Log("restarting PostgreSQL");
        await EngageAsync("pg stop", ct);
        await Task.Delay(settings.PostgresDowntime, ct);
        await EngageAsync("pg start", ct);
        Log("PostgreSQL is back");
    }

    private static async Task EngageAsync(string arguments, CancellationToken ct)
    {
        var root = RepositoryRoot.Find();
        using var process = Process.Start(new ProcessStartInfo(Path.Combine(root, "engage"), arguments) { WorkingDirectory = root, RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"./engage {arguments} failed: {await errors}");
    }

    private Task<SiloProcess> StartSiloAsync()
    {
        var options = SiloProcessOptions.OnFreePorts(settings.ConnectionString, settings.SiloSettings, settings.LogDirectory) with { SiloDll = settings.SiloDll };
        return SiloProcess.StartAsync(options);
    }

    private static void Log(string message) => Console.Error.WriteLine($"failover: {message}");
}

/// <summary>Everything a failover run needs.</summary>
internal sealed record FailoverSettings(
    int Silos, int Kills, FailoverTrafficOptions Traffic, string ConnectionString, string SiloDll, string HaproxyConfig, string LogDirectory,
    IReadOnlyDictionary<string, string?> SiloSettings)
{
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan MinGap { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxGap { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan Tail { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(60);
    public bool PostgresRestart { get; init; }
    public TimeSpan PostgresDowntime { get; init; } = TimeSpan.FromSeconds(5);
    public int Seed { get; init; } = Environment.TickCount;
}
