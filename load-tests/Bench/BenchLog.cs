namespace Engagement.LoadTests.Bench;

/// <summary>What <c>bench</c> says about its steps, on stderr (stdout is the measuring runs' results).</summary>
internal static class BenchLog
{
    public static void Info(string message) => Console.Error.WriteLine($"bench: {message}");
}
