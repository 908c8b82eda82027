using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Engagement.Media.Tests.Bench;

/// <summary>
/// Janus 1.1.2 (Debian package) started for the benchmark with our configs (Bench/janus): HTTP API on
/// 127.0.0.1, VideoRoom room 1234, ICE-lite on the interface given (libnice ignores loopback).
/// </summary>
internal sealed class JanusServer : IDisposable
{
    public const string Executable = "/usr/bin/janus";
    private readonly Process _process;
    private readonly string _folder;

    private JanusServer(Process process, string folder, int httpPort)
    {
        _process = process;
        _folder = folder;
        Api = new Uri($"http://127.0.0.1:{httpPort}/janus");
    }

    public Uri Api { get; }
    public int ProcessId => _process.Id;

    public static async Task<JanusServer> StartAsync(string iceInterface, int httpPort)
    {
        var folder = Directory.CreateTempSubdirectory("janus-bench-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Bench", "janus")))
        {
            var text = (await File.ReadAllTextAsync(file)).Replace("@CONFIG@", folder).Replace("@ICE_INTERFACE@", iceInterface)
                .Replace("@HTTP_PORT@", httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await File.WriteAllTextAsync(Path.Combine(folder, Path.GetFileName(file)), text);
        }
        var process = Process.Start(new ProcessStartInfo(Executable, ["-F", folder, "-C", Path.Combine(folder, "janus.jcfg"), "-L", Path.Combine(folder, "janus.log")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new JanusServer(process, folder, httpPort);
        using var http = new HttpClient();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var reply = await http.PostAsJsonAsync(server.Api, new { janus = "info", transaction = "ready" });
                if ((await reply.Content.ReadFromJsonAsync<JsonObject>())?["janus"]?.GetValue<string>() == "server_info") return server;
            }
            catch (HttpRequestException) when (attempt < 50)
            {
            }
            await Task.Delay(200);
        }
    }

    /// <summary>CPU of the whole Janus process: its threads' exact run time (schedstat), as for ours.</summary>
    public TimeSpan Cpu => ThreadCpu.OfProcess(_process.Id);

    public double RssMb
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(5000);
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
