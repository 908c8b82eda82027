// The project's own load tool (docs/benchmarks.md).
using System.CommandLine;
using Engagement.LoadTests.Boards;
using Engagement.LoadTests.Context;

var root = new RootCommand("Engagement load tool (see docs/benchmarks.md).")
{
    DirectoryCommand.Create(),
    ContextCommand.Create(),
    SiteVisitorsCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
