// The project's own load tool (docs/benchmarks.md). Commands: context (load-tests/Context).
using System.CommandLine;
using Engagement.LoadTests.Context;

var root = new RootCommand("Engagement load tool: context (see docs/benchmarks.md).")
{
    ContextCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
