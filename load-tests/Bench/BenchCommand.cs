using System.CommandLine;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// <c>bench &lt;kind&gt;</c>, what <c>./engage bench</c> runs once it has made sure of the prerequisites (docs/benchmarks.md):
/// starts the servers the benchmark needs on a fresh database, runs the measuring command, stops what it started.
/// Each kind takes its own few options; every other option is passed on to the measuring command and checked
/// against it before anything starts. (<c>./engage bench media</c> and <c>transcript</c> are run by ./engage itself.)
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var setup = new BenchSetupOptions();
        var command = new Command("bench", "Start what a benchmark needs, run it, stop what was started (docs/benchmarks.md). Each takes the options of the command of its name too (--help lists them). ./engage bench also runs media and transcript, which are not this tool's.")
        {
            RelayBench.Create(setup),
            ChatBench.Create(setup),
            DirectoryBench.Create(setup),
            ContextBench.Create(setup, "context", "Device signal posted over HTTP → the agent's screen, on one silo."),
            ContextBench.Create(setup, "site-visitors", "Page change → agents watching the site, on one silo."),
            FailoverBench.Create(setup),
            ScenarioBench.Create(setup),
            SearchBench.Create(setup),
            WebhooksBench.Create(setup),
            EmailBench.Create(setup),
            RoutingBench.Create(setup),
            TelemetryBench.Create(setup),
            AllBench.Create(setup),
        };
        setup.AddTo(command);
        return command;
    }
}
