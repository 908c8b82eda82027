// The project's own load tool (docs/benchmarks.md): the raw SignalR relay baseline, the chat path and
// directory presence fan-out.
using System.CommandLine;
using Engagement.LoadTests.Boards;
using Engagement.LoadTests.Chat;
using Engagement.LoadTests.Relay;

var root = new RootCommand("Engagement load tool: relay-server, relay, chat, directory (see docs/benchmarks.md).")
{
    RelayServerCommand.Create(),
    RelayCommand.Create(),
    ChatCommand.Create(),
    DirectoryCommand.Create(),
};
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    Console.Error.WriteLine($"error: {ex.GetBaseException().Message}");
    return 1;
}
