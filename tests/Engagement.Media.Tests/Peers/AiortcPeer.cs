using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Engagement.Media.Tests.Peers;

/// <summary>An aiortc participant in a child process (Peers/aiortc_peer.py), spoken to in JSON lines.</summary>
public sealed class AiortcPeer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";
    private readonly Process _process;

    private AiortcPeer(Process process) => _process = process;

    public static AiortcPeer Start()
    {
        if (!File.Exists(Python)) throw new InvalidOperationException("aiortc is required: apt-get install -y python3-aiortc");
        var script = Path.Combine(AppContext.BaseDirectory, "Peers", "aiortc_peer.py");
        var process = Process.Start(new ProcessStartInfo(Python, [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new AiortcPeer(process);
    }

    public async Task<JsonObject> ReadAsync(string type, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await _process.StandardOutput.ReadLineAsync(cancellationToken)
                ?? throw new InvalidOperationException($"aiortc exited (code {(_process.HasExited ? _process.ExitCode : -1)}) before '{type}'");
            var message = JsonNode.Parse(line)!.AsObject();
            if ((string?)message["type"] == type) return message;
        }
    }

    public async Task SendAsync(object message)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(message));
        await _process.StandardInput.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await SendAsync(new { type = "stop" });
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception)
        {
            if (!_process.HasExited) _process.Kill();
        }
        _process.Dispose();
    }
}
