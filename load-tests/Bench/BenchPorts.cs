using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// Where the benchmarks' servers listen (docs/benchmarks.md): each port from its environment variable, else
/// derived from ./engage's web port, so benchmarks run beside <c>./engage up</c>. The silos' Orleans and media
/// ports are any free ones.
/// </summary>
internal static class BenchPorts
{
    public static int Relay => FromEnvironment("ENGAGE_BENCH_RELAY_PORT") ?? 5190;

    /// <summary>The chat benchmark's silo.</summary>
    public static int Chat(int engagePort) => FromEnvironment("ENGAGE_BENCH_PORT") ?? engagePort + 100;

    /// <summary>The context and site-visitors benchmarks' silo.</summary>
    public static int Context(int engagePort) => FromEnvironment("ENGAGE_BENCH_CONTEXT_PORT") ?? engagePort + 120;

    /// <summary>The routing benchmark's silo.</summary>
    public static int Routing(int engagePort) => FromEnvironment("ENGAGE_BENCH_ROUTING_PORT") ?? engagePort + 140;

    /// <summary>The directory benchmark's first silo; the others follow on consecutive ports.</summary>
    public static int Directory(int engagePort) => FromEnvironment("ENGAGE_BENCH_PORT") ?? engagePort + 200;

    /// <summary>A server left on a port would answer in place of the one started here: refuse rather than measure it.</summary>
    /// <param name="hint">The variables that move the ports.</param>
    public static void RequireFree(string hint, params int[] ports)
    {
        foreach (var port in ports)
        {
            if (InUse(port)) throw new InvalidOperationException($"port {port} is already in use ({hint})");
        }
    }

    /// <summary>True when something accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool InUse(int port)
    {
        using var client = new TcpClient();
        try
        {
            return client.ConnectAsync(IPAddress.Loopback, port).Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException e) when (e.InnerException is SocketException)
        {
            return false;
        }
    }

    private static int? FromEnvironment(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;
}
