using Engagement.LoadTests.Cluster;
using System.Diagnostics;

namespace Engagement.FunctionalTests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests use: <c>ENGAGE_TEST_PG</c> (an Npgsql connection string to the server,
/// set by <c>./engage test</c>), or else the project-local cluster started with <c>./engage pg start</c>,
/// so a plain <c>dotnet test</c> works too. Resolved once per test process.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "ENGAGE_TEST_PG";

    private static readonly Lazy<Task<string>> Resolved = new(ResolveAsync);

    /// <summary>Connection string to the server's maintenance database (postgres).</summary>
    public static Task<string> ConnectionStringAsync() => Resolved.Value;

    private static async Task<string> ResolveAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment;

        var root = RepositoryRoot.Find();
        var start = new ProcessStartInfo(Path.Combine(root, "engage"), "pg start")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run ./engage pg start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"./engage pg start failed ({process.ExitCode}): {await stderr}");
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.LastOrDefault(l => l.StartsWith("Host=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"./engage pg start printed no connection string: {await stdout}");
    }
}
