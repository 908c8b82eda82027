using System.CommandLine;
using System.CommandLine.Help;
using Engagement.LoadTests.Bench;
using Engagement.LoadTests.TeamDirectory;
using Engagement.LoadTests.Chat;
using Engagement.LoadTests.Context;
using Engagement.LoadTests.Failover;
using Engagement.LoadTests.Relay;
using Engagement.LoadTests.Reporting;
using Engagement.LoadTests.Routing;
using Engagement.LoadTests.Scenario;

namespace Engagement.LoadTests;

/// <summary>The tool's commands: the measuring runs against servers given by URL, and <c>bench</c>, which starts those servers first.</summary>
internal static class LoadTool
{
    public static RootCommand Root()
    {
        var root = new RootCommand("Engagement load tool: relay-server, relay, chat, directory, context, site-visitors, failover, scenario, routing, merge, bench (see docs/benchmarks.md).")
        {
            RelayServerCommand.Create(),
        };
        foreach (var command in MeasuringCommands()) root.Subcommands.Add(command);
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        BenchHelpAction.Install(root);
        return root;
    }

    /// <summary>A measuring command on its own, with a help option (for its help).</summary>
    public static Command Measuring(string name)
    {
        var command = MeasuringCommands().Single(c => c.Name == name);
        command.Options.Add(new HelpOption());
        return command;
    }

    public static bool IsMeasuring(string name) => MeasuringCommands().Any(c => c.Name == name);

    private static Command[] MeasuringCommands() =>
    [
        RelayCommand.Create(),
        ChatCommand.Create(),
        DirectoryCommand.Create(),
        ContextCommand.Create(),
        SiteVisitorsCommand.Create(),
        FailoverCommand.Create(),
        ScenarioCommand.Create(),
        RoutingCommand.Create(),
    ];
}
