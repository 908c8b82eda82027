using System.Net;
using System.Net.Sockets;
using Engagement.Api.Hosting;
using Engagement.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engagement.FunctionalTests.Api;

/// <summary>
/// A whole node as the silo executable composes it (Orleans on PostgreSQL, grains, hubs, REST), listening on
/// 127.0.0.1 and free ports, with test settings: a fixed signing key and identity secret, seeded accounts.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    public const string SigningKey = "functional-test-signing-key-0123456789";
    public const string IdentitySecret = "functional-test-identity-secret-0123456789";
    public const string AdminEmail = "admin@engagement.test";
    public const string AdminPassword = "admin-test-password";

    private readonly WebApplication _app;

    private ApiServer(WebApplication app, Uri address) => (_app, Address) = (app, address);

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ApiServer> StartAsync(string connectionString, string clusterId)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Engagement"] = connectionString,
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = clusterId,
            ["Orleans:Endpoints:SiloPort"] = FreeTcpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Engagement:Auth:SigningKey"] = SigningKey,
            ["Engagement:Auth:IdentitySecret"] = IdentitySecret,
            ["Engagement:Presence:HeartbeatInterval"] = "00:00:00.500",
            ["Engagement:Seed:Agents:0:AgentId"] = "admin",
            ["Engagement:Seed:Agents:0:DisplayName"] = "Admin",
            ["Engagement:Seed:Agents:0:Email"] = AdminEmail,
            ["Engagement:Seed:Agents:0:Role"] = "Admin",
            ["Engagement:Seed:Agents:0:Password"] = AdminPassword,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddEngagementSilo();

        var app = builder.Build();
        app.MapEngagementApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ApiServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
