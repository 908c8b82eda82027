using System.Net;
using System.Net.Sockets;

namespace Engagement.LoadTests.Cluster;

/// <summary>Free TCP ports on 127.0.0.1, for servers the tests start.</summary>
public static class FreePorts
{
    /// <summary>
    /// <paramref name="count"/> distinct ports the kernel reports free. All are held open until every one is
    /// chosen, so one call never returns the same port twice; another process may still take one before the
    /// caller binds it, which is rare enough for tests.
    /// </summary>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }

    public static int One() => Take(1)[0];
}
