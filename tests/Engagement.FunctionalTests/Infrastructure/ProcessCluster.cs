using Engagement.LoadTests.Cluster;
using System.Runtime.CompilerServices;

namespace Engagement.FunctionalTests.Infrastructure;

/// <summary>
/// A cluster of real silo processes for chaos tests: one fresh database, N <see cref="SiloProcess"/>es (and by
/// default HAProxy in front of them, as <c>./engage cluster</c> runs it), the admin signed in, the REST helpers
/// of <see cref="EngagementFixtureBase"/> and the membership table. Use it per test
/// (<c>await using var cluster = await ProcessCluster.StartAsync(...)</c>), since chaos tests break it, or as a
/// class fixture (the parameterless constructor: two silos behind HAProxy).
/// </summary>
public sealed class ProcessCluster : EngagementFixtureBase, IAsyncLifetime, IAsyncDisposable
{
    private readonly PostgresFixture _database = new();
    private readonly List<SiloProcess> _silos = [];
    private readonly ProcessClusterOptions _options;

    public ProcessCluster() : this(new ProcessClusterOptions())
    {
    }

    public ProcessCluster(ProcessClusterOptions options)
    {
        _options = options;
        LogDirectory = ProcessLogs.NewFolder(options.Label);
    }

    /// <summary>The silos, in start order (a killed one stays in the list; <see cref="RestartAsync"/> replaces it).</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>HAProxy in front of the first <see cref="ProcessClusterOptions.Silos"/> silos, or null when started without it.</summary>
    public HaproxyProcess? LoadBalancer { get; private set; }

    /// <summary>The cluster's database.</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <summary>Where the silos' and haproxy's logs are.</summary>
    public string LogDirectory { get; }

    /// <summary>Where clients go: the load balancer, else the first silo still running.</summary>
    public Uri Url => LoadBalancer?.Url ?? (_silos.FirstOrDefault(s => !s.HasExited) ?? throw new InvalidOperationException("No silo is running.")).BaseUrl;

    protected override Uri ApiUrl => Url;

    /// <summary>Starts a cluster and waits until every silo is ready (and HAProxy reports each one up).</summary>
    public static async Task<ProcessCluster> StartAsync(ProcessClusterOptions? options = null, [CallerMemberName] string caller = "")
    {
        options ??= new ProcessClusterOptions();
        var cluster = new ProcessCluster(options.Label == ProcessClusterOptions.DefaultLabel ? options with { Label = caller } : options);
        try
        {
            await cluster.InitializeAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        // Started together: each waits for its own readiness, and joining silos find each other in the table.
        var silos = await Task.WhenAll(Enumerable.Range(0, _options.Silos).Select(_ => StartSiloAsync()));
        if (_options.LoadBalancer) LoadBalancer = await HaproxyProcess.StartAsync(silos, LogDirectory);
        await SignInAdminAsync();
    }

    /// <summary>
    /// Starts one more silo on free ports in the same cluster. It is not behind the load balancer (its servers
    /// are fixed at start); reach it at <see cref="SiloProcess.BaseUrl"/>.
    /// </summary>
    public async Task<SiloProcess> StartSiloAsync()
    {
        var silo = await SiloProcess.StartAsync(SiloProcessOptions.OnFreePorts(ConnectionString, SiloSettings(), LogDirectory));
        lock (_silos) _silos.Add(silo);
        return silo;
    }

    /// <summary>
    /// Starts <paramref name="silo"/> again on the same ports and log file (after it was killed or terminated),
    /// as a supervisor restarting a crashed node would; the load balancer takes it back once its health check
    /// passes. The old process must have exited. Orleans gives it a new generation; its previous row turns Dead.
    /// </summary>
    public async Task<SiloProcess> RestartAsync(SiloProcess silo)
    {
        if (!silo.HasExited) throw new InvalidOperationException($"{silo} is still running; kill or terminate it first.");
        var restarted = await SiloProcess.StartAsync(silo.Options);
        lock (_silos) _silos[_silos.IndexOf(silo)] = restarted;
        await silo.DisposeAsync();
        return restarted;
    }

    /// <summary>The silo called <paramref name="name"/> (a silo name, also its HAProxy server name).</summary>
    public SiloProcess Silo(string name) =>
        _silos.SingleOrDefault(s => s.Name == name) ?? throw new ArgumentException($"No silo named {name}: {string.Join(", ", _silos.Select(s => s.Name))}");

    /// <summary>The membership table (orleans.cluster_silo), every incarnation of every silo, oldest first.</summary>
    public Task<IReadOnlyList<MembershipRow>> MembershipAsync() => MembershipTable.ReadAsync(ConnectionString);

    /// <summary>
    /// Waits until the newest membership row of <paramref name="silo"/> (matched by its Orleans port) has
    /// <paramref name="status"/>; the deadline only bounds a failing test.
    /// </summary>
    public Task<MembershipRow> WaitForMembershipAsync(SiloProcess silo, MemberStatus status, int seconds = 90) =>
        MembershipTable.WaitForAsync(ConnectionString, silo.SiloPort, status, TimeSpan.FromSeconds(seconds), TimeSpan.FromMilliseconds(250));

    public async Task DisposeAsync()
    {
        if (LoadBalancer is not null) await LoadBalancer.DisposeAsync();
        foreach (var silo in _silos) await silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    /// <summary>
    /// The test settings, plus: behind HAProxy (<c>option forwardfor</c>) the silos take the client address from
    /// X-Forwarded-For, as <c>./engage cluster</c> runs them.
    /// </summary>
    private Dictionary<string, string?> SiloSettings()
    {
        var settings = new Dictionary<string, string?>(ServerSettings);
        if (_options.LoadBalancer) settings["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
        foreach (var (key, value) in _options.Settings ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }
}

/// <summary>How to start a <see cref="ProcessCluster"/>.</summary>
/// <param name="Silos">How many silo processes (all behind the load balancer).</param>
/// <param name="LoadBalancer">Whether HAProxy runs in front.</param>
/// <param name="Settings">Extra configuration for every silo (<c>Section:Key</c>), over the test defaults.</param>
/// <param name="Label">Names the log folder; <see cref="ProcessCluster.StartAsync"/> uses the calling test's name.</param>
public sealed record ProcessClusterOptions(
    int Silos = 2, bool LoadBalancer = true, IReadOnlyDictionary<string, string?>? Settings = null, string Label = ProcessClusterOptions.DefaultLabel)
{
    public const string DefaultLabel = "cluster";
}
