// The project's own load tool: the raw SignalR relay baseline and the chat-path benchmark (docs/benchmarks.md).
using System.CommandLine;
using Engagement.LoadTests.Chat;
using Engagement.LoadTests.Relay;

var root = new RootCommand("Engagement load tool: relay-server, relay, chat (see docs/benchmarks.md).")
{
    RelayServerCommand.Create(),
    RelayCommand.Create(),
    ChatCommand.Create(),
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
