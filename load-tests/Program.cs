// The project's own load tool (docs/benchmarks.md). Commands: context, site-visitors (load-tests/Context).
using System.CommandLine;
using Engagement.LoadTests.Context;

var root = new RootCommand("Engagement load tool: context, site-visitors (see docs/benchmarks.md).")
{
    ContextCommand.Create(),
    SiteVisitorsCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
