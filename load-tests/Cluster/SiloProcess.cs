using System.Globalization;

namespace Engagement.LoadTests.Cluster;

/// <summary>
/// One node as production runs it: the built <c>Engagement.Silo.dll</c> in its own OS process, configured
/// only through environment variables (as <c>./engage silo</c> does), in the Production environment (the
/// shipped appsettings.json logging, no development seed data), with web and Orleans ports on 127.0.0.1.
/// It can be killed, terminated, frozen and thawed like a real process; it never outlives the test process
/// (<see cref="ChildProcess"/>). Output goes to <see cref="LogFile"/>.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    /// <summary>How long a silo may take to become ready (a cold start on a busy 2-core machine is slow; this bounds a broken one).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly ChildProcess _process;

    private SiloProcess(ChildProcess process, SiloProcessOptions options)
    {
        _process = process;
        Options = options;
        BaseUrl = new Uri($"http://127.0.0.1:{options.WebPort}/");
    }

    /// <summary>What it was started with; <see cref="StartAsync"/> with the same options restarts it on the same ports.</summary>
    public SiloProcessOptions Options { get; }

    /// <summary>The silo name (<c>Orleans:Name</c>), also its server name behind HAProxy.</summary>
    public string Name => Options.Name;

    /// <summary>http://127.0.0.1:web-port/ — REST, hubs and health of this node.</summary>
    public Uri BaseUrl { get; }

    public int WebPort => Options.WebPort;

    /// <summary>The Orleans silo-to-silo port (the membership table's <c>port</c> column).</summary>
    public int SiloPort => Options.SiloPort;

    public int ProcessId => _process.Id;

    public string LogFile => _process.LogFile!;

    public bool HasExited => _process.HasExited;

    /// <summary>Exit code once ended (137 after <see cref="KillAsync"/>: 128 + SIGKILL).</summary>
    public int? ExitCode => _process.ExitCode;

    /// <summary>Starts a silo and waits until <c>/health/ready</c> answers 200 (Orleans active, PostgreSQL answering).</summary>
    public static async Task<SiloProcess> StartAsync(SiloProcessOptions options)
    {
        var dll = options.SiloDll ?? SiloDll();
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{options.WebPort}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Engagement"] = options.ConnectionString,
            ["Orleans__Name"] = options.Name,
            ["Orleans__Endpoints__SiloPort"] = options.SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = "0",
        };
        foreach (var (key, value) in options.Settings) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = await ChildProcess.StartAsync(options.Name, "dotnet", [dll], environment, options.LogFile, Path.GetDirectoryName(dll));
        var silo = new SiloProcess(process, options);
        try
        {
            await silo.WaitUntilReadyAsync(StartTimeout);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
        return silo;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; fails at once if the process ends.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await IsReadyAsync())
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Silo {Name} exited ({_process.ExitCode}) before it was ready. Log {LogFile}:\n{_process.LogTail()}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Silo {Name} was not ready within {timeout.TotalSeconds:0}s. Log {LogFile}:\n{_process.LogTail()}");
            await Task.Delay(200);
        }
    }

    /// <summary>True when <c>/health/ready</c> answers 200 now.</summary>
    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Probe.GetAsync(new Uri(BaseUrl, "/health/ready"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>kill -9. The silo's row stays Active until the others declare it dead (docs/operations.md).</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <summary>kill -TERM: a graceful stop (the silo leaves the cluster); killed if it has not exited within <paramref name="bound"/> (default 60 s).</summary>
    /// <returns>True if it exited by itself.</returns>
    public Task<bool> TerminateAsync(TimeSpan? bound = null) => _process.TerminateAsync(bound ?? TimeSpan.FromSeconds(60));

    /// <summary>Waits for the process to end by itself; false if it is still running after <paramref name="bound"/>.</summary>
    public Task<bool> WaitForExitAsync(TimeSpan bound) => _process.WaitForExitAsync(bound);

    /// <summary>kill -STOP: frozen with its sockets open, like a paused VM. Returns once every thread of it has stopped.</summary>
    public Task FreezeAsync() => _process.FreezeAsync();

    /// <summary>kill -CONT.</summary>
    public void Thaw() => _process.Thaw();

    /// <summary>
    /// The UDP port of this node's media engine (its SFU), read from the line it logs at start
    /// (<c>Media engine listening on udp://address:port</c>; the port is any free one unless configured);
    /// null before that line is written. A call's SDP answer names this port, so it tells which node carries a call.
    /// </summary>
    public int? MediaPort()
    {
        if (!File.Exists(LogFile)) return null;
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        int? port = null; // the last one: a restarted silo appends to the same log
        while (reader.ReadLine() is { } line)
        {
            var at = line.IndexOf(MediaLogLine, StringComparison.Ordinal);
            if (at < 0) continue;
            var endpoint = line[(at + MediaLogLine.Length)..].Trim();
            if (int.TryParse(endpoint[(endpoint.LastIndexOf(':') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p)) port = p;
        }
        return port;
    }

    private const string MediaLogLine = "Media engine listening on udp://";

    /// <summary>The last lines of its log, for assertion messages.</summary>
    public string LogTail(int lines = 40) => _process.LogTail(lines);

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    public override string ToString() => $"{Name} (pid {ProcessId}, {BaseUrl}, silo port {SiloPort})";

    /// <summary>
    /// The silo the solution build produced: the test project references the silo project, so its
    /// Engagement.Silo.dll (with its runtimeconfig, deps and appsettings.json) sits next to the tests,
    /// from the same build and configuration.
    /// </summary>
    private static string SiloDll()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Engagement.Silo.dll");
        if (!File.Exists(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
            throw new InvalidOperationException($"No built silo at {dll}: build the solution first (dotnet build Engagement.sln).");
        return dll;
    }
}

/// <summary>How to start a <see cref="SiloProcess"/>.</summary>
/// <param name="Name">Silo name (<c>Orleans:Name</c>).</param>
/// <param name="ConnectionString">The cluster's database.</param>
/// <param name="WebPort">HTTP port on 127.0.0.1.</param>
/// <param name="SiloPort">Orleans silo-to-silo port on 127.0.0.1.</param>
/// <param name="Settings">Configuration keys (<c>Section:Key</c>), passed as environment variables.</param>
/// <param name="LogFile">Where stdout and stderr go (appended, so a restart continues the same file).</param>
public sealed record SiloProcessOptions(
    string Name, string ConnectionString, int WebPort, int SiloPort, IReadOnlyDictionary<string, string?> Settings, string LogFile)
{
    /// <summary>The silo to run; by default the Engagement.Silo.dll next to this program (the test build's copy).</summary>
    public string? SiloDll { get; init; }

    /// <summary>Options on free ports, named silo-&lt;web port&gt; as <c>./engage</c> names its silos, logging under <paramref name="logDirectory"/>.</summary>
    public static SiloProcessOptions OnFreePorts(string connectionString, IReadOnlyDictionary<string, string?> settings, string logDirectory)
    {
        var ports = FreePorts.Take(2);
        var name = $"silo-{ports[0]}";
        return new SiloProcessOptions(name, connectionString, ports[0], ports[1], settings, Path.Combine(logDirectory, name + ".log"));
    }
}
