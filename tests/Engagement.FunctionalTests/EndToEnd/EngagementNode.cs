using System.Net;
using System.Net.Sockets;
using Engagement.Api.Hosting;
using Engagement.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>
/// One real node — the silo's own composition (Orleans on PostgreSQL, hubs, REST) with Kestrel on
/// 127.0.0.1 and a free port — started inside the test process. Several nodes on one database form a cluster.
/// </summary>
public sealed class EngagementNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EngagementNode(WebApplication app, Uri baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public Uri BaseUrl { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="configure">More composition for this test's node (e.g. a span exporter), after the silo's own.</param>
    public static async Task<EngagementNode> StartAsync(string connectionString, IReadOnlyDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Tests create many visitors from 127.0.0.1: no per-address limit unless a test sets one.
            ["Engagement:Visitors:Creation:PerMinute"] = "0",
            // Off, though silo/appsettings.Development.json (copied next to the tests) turns it on: a test that wants it says so.
            ["Engagement:OrleansDashboard:Enabled"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Engagement"] = connectionString,
            ["Orleans:Endpoints:SiloPort"] = FreePort().ToString(),
            ["Orleans:Endpoints:GatewayPort"] = "0",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddEngagementSilo();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapEngagementApi();
        app.MapEngagementOrleansDashboard();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EngagementNode(app, new Uri(address));
    }

    private bool _stopped;

    /// <summary>A graceful stop: the silo drains, leaves the cluster and deactivates its grains.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync();
    }

    /// <summary>
    /// Stops gracefully first: disposing a running host stops its silo with a cancelled token, which
    /// abandons grain deactivation and logs errors (the reminder service's TaskCanceled) that hide real ones.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
