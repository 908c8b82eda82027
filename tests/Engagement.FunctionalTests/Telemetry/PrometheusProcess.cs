using System.Globalization;
using System.Text.Json;
using Engagement.LoadTests.Cluster;

namespace Engagement.FunctionalTests.Telemetry;

/// <summary>
/// A real Prometheus (Debian's package, installed by <c>./engage test</c>) on 127.0.0.1 with the shipped
/// deploy/prometheus/prometheus.yml and rules.yml, scraping the given targets every second, and its HTTP query API.
/// </summary>
public sealed class PrometheusProcess : IAsyncDisposable
{
    private const string ShippedInterval = "scrape_interval: 15s";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly ChildProcess _process;

    private PrometheusProcess(ChildProcess process, int port)
    {
        _process = process;
        Url = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Url { get; }

    /// <summary>The shipped files, in deploy/prometheus.</summary>
    public static string ConfigDirectory => Path.Combine(RepositoryRoot.Find(), "deploy", "prometheus");

    /// <summary>Starts Prometheus on a free port and waits until it is ready; its data and log go under <paramref name="directory"/>.</summary>
    public static async Task<PrometheusProcess> StartAsync(IEnumerable<string> targets, string directory)
    {
        var home = Path.Combine(directory, "prometheus");
        Directory.CreateDirectory(Path.Combine(home, "targets"));
        // The shipped configuration, with a 1 s scrape interval so that a test does not wait 15 s for each sample.
        var config = await File.ReadAllTextAsync(Path.Combine(ConfigDirectory, "prometheus.yml"));
        if (!config.Contains(ShippedInterval, StringComparison.Ordinal))
            throw new InvalidOperationException($"deploy/prometheus/prometheus.yml no longer says '{ShippedInterval}'; update {nameof(PrometheusProcess)}.");
        await File.WriteAllTextAsync(Path.Combine(home, "prometheus.yml"), config.Replace(ShippedInterval, "scrape_interval: 1s", StringComparison.Ordinal));
        File.Copy(Path.Combine(ConfigDirectory, "rules.yml"), Path.Combine(home, "rules.yml"), overwrite: true);
        await File.WriteAllTextAsync(Path.Combine(home, "targets", "silos.json"), JsonSerializer.Serialize(new[] { new { targets } }));

        var port = FreePorts.One();
        var process = await ChildProcess.StartAsync("prometheus", "prometheus",
            [
                $"--config.file={Path.Combine(home, "prometheus.yml")}",
                $"--storage.tsdb.path={Path.Combine(home, "data")}",
                $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ],
            new Dictionary<string, string?>(), Path.Combine(directory, "prometheus.log"));
        var prometheus = new PrometheusProcess(process, port);
        try
        {
            await prometheus.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await prometheus.DisposeAsync();
            throw;
        }
        return prometheus;
    }

    private async Task WaitUntilReadyAsync(TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"prometheus exited ({_process.ExitCode}):\n{_process.LogTail()}");
            try
            {
                using var response = await Http.GetAsync(new Uri(Url, "-/ready"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"prometheus not ready within {bound.TotalSeconds:0}s:\n{_process.LogTail()}");
            await Task.Delay(200);
        }
    }

    /// <summary>An instant query (/api/v1/query): each series of the answer, its labels and value.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string promql)
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Url, $"api/v1/query?query={Uri.EscapeDataString(promql)}")));
        var data = document.RootElement.GetProperty("data");
        if (data.GetProperty("resultType").GetString() != "vector") throw new InvalidOperationException($"'{promql}' did not answer a vector: {data}");
        return data.GetProperty("result").EnumerateArray()
            .Select(series => (
                (IReadOnlyDictionary<string, string>)series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""),
                double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>
    /// Queries until the one series <paramref name="promql"/> answers has a value that satisfies <paramref name="expected"/>;
    /// returns it. The bound only ends a failing test (samples come each second).
    /// </summary>
    public async Task<double> WaitForAsync(string promql, Func<double, bool> expected, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var last = "(no series)";
        while (true)
        {
            var result = await QueryAsync(promql);
            if (result.Count == 1)
            {
                if (expected(result[0].Value)) return result[0].Value;
                last = result[0].Value.ToString(CultureInfo.InvariantCulture);
            }
            else if (result.Count > 1)
            {
                last = $"{result.Count} series";
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"'{promql}' never answered the expected value; last: {last}. Log:\n{_process.LogTail()}");
            await Task.Delay(500);
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
