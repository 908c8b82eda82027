using System.Net;
using System.Net.Sockets;

namespace Engagement.LoadTests.Cluster;

/// <summary>Free TCP ports on 127.0.0.1, for servers the tests start.</summary>
public static class FreePorts
{
    /// <summary>Every port this process has handed out: the kernel may offer a port again once its probe closed.</summary>
    private static readonly HashSet<int> Given = [];

    /// <summary>
    /// <paramref name="count"/> distinct ports the kernel reports free, none of them handed out before in this process,
    /// so servers started side by side (each asking on its own) never get the same port. Another process may still
    /// take one before the caller binds it, which is rare enough for tests.
    /// </summary>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>();
        var ports = new List<int>();
        try
        {
            lock (Given)
            {
                while (ports.Count < count)
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    listeners.Add(listener); // held open until every port is chosen, so the kernel offers each once here
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    if (Given.Add(port)) ports.Add(port);
                }
            }
            return [.. ports];
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }

    public static int One() => Take(1)[0];
}
