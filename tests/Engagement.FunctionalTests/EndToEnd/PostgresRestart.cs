using Engagement.LoadTests.Cluster;
using System.Diagnostics;
using Engagement.FunctionalTests.Infrastructure;
using Npgsql;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>Stops and starts the project-local PostgreSQL through ./engage, on the port the tests use.</summary>
public static class PostgresRestart
{
    public static async Task RestartAsync()
    {
        var port = await PortAsync();
        NpgsqlConnection.ClearAllPools();
        await EngageAsync("pg stop", port);
        await EngageAsync("pg start", port);
    }

    /// <summary>
    /// Stops PostgreSQL (a fast shutdown: sessions are terminated, as in an operator's restart) and returns what
    /// starts it again when disposed, also when the test fails meanwhile. Connection pools are left alone: the
    /// nodes must recover from the broken connections by themselves.
    /// </summary>
    public static async Task<IAsyncDisposable> StopAsync()
    {
        var port = await PortAsync();
        await EngageAsync("pg stop", port);
        return new Outage(port);
    }

    private sealed class Outage(int port) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await EngageAsync("pg start", port);
    }

    private static async Task<int> PortAsync() => new NpgsqlConnectionStringBuilder(await PostgresServer.ConnectionStringAsync()).Port;

    private static async Task EngageAsync(string arguments, int port)
    {
        var root = RepositoryRoot.Find();
        var start = new ProcessStartInfo(Path.Combine(root, "engage"), arguments)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ENGAGE_PG_PORT"] = port.ToString() },
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"./engage {arguments} failed: {await stderr}");
    }
}
