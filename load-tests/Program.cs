// The project's own load tool (docs/benchmarks.md): the raw SignalR relay baseline, the chat path and
// directory presence fan-out.
using System.CommandLine;
using Engagement.LoadTests.Boards;
using Engagement.LoadTests.Chat;
using Engagement.LoadTests.Relay;
using Engagement.LoadTests.Context;
using Engagement.LoadTests.Failover;

var root = new RootCommand("Engagement load tool: relay-server, relay, chat, directory, context, site-visitors, failover (see docs/benchmarks.md).")
{
    RelayServerCommand.Create(),
    RelayCommand.Create(),
    ChatCommand.Create(),
    DirectoryCommand.Create(),
    ContextCommand.Create(),
    SiteVisitorsCommand.Create(),
    FailoverCommand.Create(),
};
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    // ENGAGE_DEBUG=1 shows where it failed.
    Console.Error.WriteLine(Environment.GetEnvironmentVariable("ENGAGE_DEBUG") is "1" ? $"error: {ex}" : $"error: {ex.GetBaseException().Message}");
    return 1;
}
