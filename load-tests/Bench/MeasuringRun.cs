using System.CommandLine;
using Engagement.LoadTests.Cluster;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// One of this tool's measuring commands (chat, relay, context…) run as a child process that writes to the user's
/// terminal: every run starts fresh, can get the load generator's own runtime settings, and its CPU is counted apart
/// from the servers' (a benchmark's servers are this process's children, not the run's).
/// </summary>
internal sealed class MeasuringRun(string[] arguments)
{
    /// <summary>
    /// The load generator shares the 2 cores with the servers, so it is kept light: no tiered-PGO re-JIT during the
    /// run, workstation GC. The servers keep their shipped settings (server GC, PGO).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> LightGenerator = new Dictionary<string, string?>
    {
        ["DOTNET_TieredPGO"] = "0",
        ["DOTNET_gcServer"] = "0",
    };

    public string[] Arguments => arguments;

    /// <summary>Parses the arguments as the measuring command will, so a wrong option fails before any server starts.</summary>
    public MeasuringRun Validated()
    {
        var parse = LoadTool.Root().Parse(arguments);
        if (parse.Errors.Count == 0) return this;
        var help = new StringWriter();
        LoadTool.Measuring(arguments[0]).Parse(["--help"]).Invoke(new InvocationConfiguration { Output = help });
        throw new BenchUsageException(string.Join('\n', parse.Errors.Select(e => e.Message)) +
            $"\n\nOptions other than the benchmark's own (./engage bench {arguments[0]} --help) go to `{arguments[0]}`, which takes:\n\n{help}");
    }

    /// <summary>Runs to the end; its exit code. Cancelled, it is stopped (kill -TERM).</summary>
    public async Task<int> RunAsync(IReadOnlyDictionary<string, string?> environment, CancellationToken ct)
    {
        var tool = typeof(MeasuringRun).Assembly.Location;
        await using var child = await ChildProcess.StartAttachedAsync(arguments[0], "dotnet", [tool, .. arguments], environment);
        try
        {
            await child.WaitForExitAsync(Timeout.InfiniteTimeSpan).WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            await child.TerminateAsync(TimeSpan.FromSeconds(30));
            throw;
        }
        return child.ExitCode ?? 1;
    }
}

/// <summary>The benchmark's options are wrong: the message says how, and how to call it.</summary>
internal sealed class BenchUsageException(string message) : Exception(message);
