// The project's own load tool (docs/benchmarks.md): the raw SignalR relay baseline, the chat path, directory
// presence, live context, failover, and `bench`, which runs each of them against servers it starts.
using Engagement.LoadTests;
using Engagement.LoadTests.Bench;

try
{
    return await LoadTool.Root().Parse(args).InvokeAsync(new() { EnableDefaultExceptionHandler = false });
}
catch (BenchUsageException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    // ENGAGE_DEBUG=1 shows where it failed.
    Console.Error.WriteLine(Environment.GetEnvironmentVariable("ENGAGE_DEBUG") is "1" ? $"error: {ex}" : $"error: {ex.GetBaseException().Message}");
    return 1;
}
