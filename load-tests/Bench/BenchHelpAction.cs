using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// Help that also lists what a benchmark passes on: for <c>bench &lt;kind&gt; --help</c>, the kind's own options and then
/// those of the measuring command of the same name. Every other command's help is the standard one.
/// </summary>
internal sealed class BenchHelpAction(HelpAction standard) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parse)
    {
        var exit = standard.Invoke(parse);
        var command = parse.CommandResult.Command;
        if (command.Parents.OfType<Command>().Any(parent => parent.Name == "bench") && LoadTool.IsMeasuring(command.Name))
        {
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"Every other option is passed on to `{command.Name}`, which takes:");
            output.WriteLine();
            LoadTool.Measuring(command.Name).Parse(["--help"]).Invoke(new InvocationConfiguration { Output = output });
        }
        return exit;
    }

    /// <summary>Puts this action on <paramref name="root"/>'s help option.</summary>
    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction standard) help.Action = new BenchHelpAction(standard);
    }
}
