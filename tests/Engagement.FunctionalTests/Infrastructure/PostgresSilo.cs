using System.Net;
using System.Net.Sockets;
using Engagement.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engagement.FunctionalTests.Infrastructure;

/// <summary>
/// A real silo host on PostgreSQL, configured by the same <see cref="Extensions.AddEngagementOrleans"/>
/// the silo executable uses, on 127.0.0.1 and a free port. Dispose stops it completely.
/// </summary>
public sealed class PostgresSilo : IAsyncDisposable
{
    private PostgresSilo(IHost host, int siloPort) => (Host, SiloPort) = (host, siloPort);

    public IHost Host { get; }
    public int SiloPort { get; }
    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    /// <param name="configure">Extra services or option overrides for this test.</param>
    public static async Task<PostgresSilo> StartAsync(
        string connectionString, string clusterId, Action<IServiceCollection>? configure = null, CancellationToken cancellationToken = default)
    {
        var siloPort = FreeTcpPort();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Engagement"] = connectionString,
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = clusterId,
            ["Orleans:Name"] = $"test-silo-{siloPort}",
            ["Orleans:Endpoints:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddEngagementOrleans();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new PostgresSilo(host, siloPort);
    }

    private bool stopped;

    /// <summary>Graceful stop: the silo leaves the cluster and deactivates its grains.</summary>
    public async Task StopAsync()
    {
        if (stopped) return;
        stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Host is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
        else Host.Dispose();
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
