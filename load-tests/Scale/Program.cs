// ./engage bench cluster [--silos 10,15,20] [--grains-per-silo 100] [--idle-seconds 20] [--out FILE]
// Scale figures of an in-process cluster of the real grains on PostgreSQL (docs/scaling.md, "Measured by simulation").
using Engagement.Scale;

try
{
    var options = ScaleBenchOptions.Parse(args);
    var server = Environment.GetEnvironmentVariable("ENGAGE_TEST_PG")
        ?? throw new ScaleBenchUsageException("Set ENGAGE_TEST_PG to a PostgreSQL server's connection string (./engage bench cluster sets it).");
    return await ScaleBench.RunAsync(options, server);
}
catch (ScaleBenchUsageException e)
{
    (e.IsHelp ? Console.Out : Console.Error).WriteLine(e.Message);
    return e.IsHelp ? 0 : 2;
}
