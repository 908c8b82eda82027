using System.Text;
using System.Text.RegularExpressions;

namespace Engagement.LoadTests.Cluster;

/// <summary>
/// Debian's haproxy in front of silo processes, as <c>./engage cluster</c> runs it: the repository's
/// <c>deploy/haproxy/engagement.cfg</c> (health checks on /health/member, WebSocket tunnels, leastconn, dead
/// silos cut off at once) plus a servers file written here, on free loopback ports, in the foreground as a
/// <see cref="ChildProcess"/>. Its log (one line per request, logged when the response starts, and every server
/// state change) is <see cref="LogFile"/>; <see cref="Requests"/> parses it, so a test can tell which silo a
/// connection went through.
/// </summary>
public sealed partial class HaproxyProcess : IAsyncDisposable
{
    /// <summary>The backend name in deploy/haproxy/engagement.cfg.</summary>
    public const string Backend = "silos";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly ChildProcess _process;

    private HaproxyProcess(ChildProcess process, int port, int statsPort, string configFile)
    {
        _process = process;
        Url = new Uri($"http://127.0.0.1:{port}/");
        StatsUrl = new Uri($"http://127.0.0.1:{statsPort}/");
        ServersFile = configFile;
    }

    /// <summary>The one URL clients use (REST and hubs).</summary>
    public Uri Url { get; }

    /// <summary>HAProxy's statistics page (HTML; <c>;csv</c> for CSV).</summary>
    public Uri StatsUrl { get; }

    /// <summary>The generated servers file (the fixed part is deploy/haproxy/engagement.cfg).</summary>
    public string ServersFile { get; }

    public string LogFile => _process.LogFile!;

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts haproxy with one server per silo (named after the silo) and waits until it listens and every
    /// server has passed its health check.
    /// </summary>
    public static async Task<HaproxyProcess> StartAsync(IEnumerable<SiloProcess> silos, string logDirectory, string? baseConfig = null)
    {
        baseConfig ??= Path.Combine(RepositoryRoot.Find(), "deploy", "haproxy", "engagement.cfg");
        var servers = new StringBuilder($"backend {Backend}\n");
        var names = new List<string>();
        foreach (var silo in silos)
        {
            servers.Append($"    server {silo.Name} 127.0.0.1:{silo.WebPort}\n");
            names.Add(silo.Name);
        }
        System.IO.Directory.CreateDirectory(logDirectory);
        var serversFile = Path.Combine(logDirectory, "haproxy-servers.cfg");
        await File.WriteAllTextAsync(serversFile, servers.ToString());

        var ports = FreePorts.Take(2);
        var environment = new Dictionary<string, string?>
        {
            ["ENGAGE_LB_BIND"] = $"127.0.0.1:{ports[0]}",
            ["ENGAGE_LB_STATS_BIND"] = $"127.0.0.1:{ports[1]}",
        };
        var process = await ChildProcess.StartAsync(
            "haproxy", Executable(), ["-db", "-f", baseConfig, "-f", serversFile], environment, Path.Combine(logDirectory, "haproxy.log"));
        var haproxy = new HaproxyProcess(process, ports[0], ports[1], serversFile);
        try
        {
            foreach (var name in names) await haproxy.WaitForServerAsync(name, "UP", SiloProcess.StartTimeout);
        }
        catch
        {
            await haproxy.DisposeAsync();
            throw;
        }
        return haproxy;
    }

    /// <summary>Each server's state as the statistics report it: "UP", "DOWN", "UP 1/2" (going down), "DOWN 1/2" (coming up)…</summary>
    public async Task<IReadOnlyDictionary<string, string>> ServerStatesAsync()
    {
        var csv = await Http.GetStringAsync(new Uri(StatsUrl, ";csv"));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimStart('#', ' ').Split(',');
        int proxy = Array.IndexOf(header, "pxname"), server = Array.IndexOf(header, "svname"), status = Array.IndexOf(header, "status");
        var states = new Dictionary<string, string>();
        foreach (var fields in lines.Skip(1).Select(l => l.Split(',')))
        {
            if (fields[proxy] == Backend && fields[server] is not ("BACKEND" or "FRONTEND")) states[fields[server]] = fields[status];
        }
        return states;
    }

    /// <summary>Waits until HAProxy reports <paramref name="server"/> in exactly <paramref name="state"/> ("UP" or "DOWN").</summary>
    public async Task WaitForServerAsync(string server, string state, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "(no answer)";
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"haproxy exited ({_process.ExitCode}). Log {LogFile}:\n{_process.LogTail()}");
            try
            {
                last = (await ServerStatesAsync()).GetValueOrDefault(server, "(no such server)");
                if (last == state) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = $"(statistics not answering: {e.Message})";
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"haproxy did not report {server} {state} within {timeout.TotalSeconds:0}s; last: {last}. Log {LogFile}:\n{_process.LogTail()}");
            await Task.Delay(200);
        }
    }

    /// <summary>Every request logged so far, oldest first (a WebSocket appears when its 101 answer arrives).</summary>
    public IReadOnlyList<HaproxyRequest> Requests()
    {
        string text;
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text = reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return [];
        }
        var requests = new List<HaproxyRequest>();
        foreach (var line in text.Split('\n'))
        {
            var m = RequestLine().Match(line);
            if (m.Success)
                requests.Add(new HaproxyRequest(m.Groups["server"].Value, int.Parse(m.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture),
                    m.Groups["method"].Value, m.Groups["path"].Value, line));
        }
        return requests;
    }

    /// <summary>
    /// Waits for a logged request matching <paramref name="match"/> among those after the first
    /// <paramref name="skip"/> (take <c>Requests().Count</c> before connecting to find that connection's line).
    /// </summary>
    public async Task<HaproxyRequest> WaitForRequestAsync(Func<HaproxyRequest, bool> match, int skip = 0, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var hit = Requests().Skip(skip).FirstOrDefault(match);
            if (hit is not null) return hit;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No matching request in the haproxy log within {seconds}s. Log {LogFile}:\n{_process.LogTail()}");
            await Task.Delay(100);
        }
    }

    /// <summary>The last lines of haproxy's log, for assertion messages.</summary>
    public string LogTail(int lines = 40) => _process.LogTail(lines);

    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static string Executable()
    {
        foreach (var candidate in new[] { "/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy" })
        {
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("haproxy is not installed: ./engage test installs it (or apt-get install haproxy).");
    }

    // A request line of deploy/haproxy/engagement.cfg: the ISO time of the log, then its log-format
    // "%ci:%cp %b/%s %ST %HM %HPO %Tc/%Tr/%Ta %tsc".
    [GeneratedRegex(@"^\S+ \S+ " + Backend + @"/(?<server>\S+) (?<status>-?\d+) (?<method>\S+) (?<path>\S+) ")]
    private static partial Regex RequestLine();
}

/// <summary>One request line of HAProxy's log.</summary>
/// <param name="Server">The silo (server name) that took it, or "&lt;NOSRV&gt;".</param>
/// <param name="Status">HTTP status (101 for a WebSocket upgrade).</param>
/// <param name="Line">The raw line.</param>
public sealed record HaproxyRequest(string Server, int Status, string Method, string Path, string Line);
