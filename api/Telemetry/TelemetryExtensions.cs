using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;

namespace Engagement.Api.Telemetry;

/// <summary>
/// Metrics through OpenTelemetry: our meters (<see cref="MeterNames"/>), ASP.NET Core's (hosting, Kestrel, SignalR's
/// connections), Orleans', Npgsql's, HttpClient's and the runtime's, served in Prometheus' text format on a management
/// port of their own (docs/operations.md, "Metrics"). Only with <c>Engagement:Telemetry:Enabled</c>.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Meters of the platform, by name: a prefix with <c>*</c> takes every meter under it.</summary>
    private static readonly string[] PlatformMeters =
    [
        "Microsoft.AspNetCore.*", // Hosting, Server.Kestrel, Http.Connections (SignalR), Routing, Diagnostics, Authentication...
        "Microsoft.Orleans",
        "System.Net.Http",
        "System.Net.NameResolution",
    ];

    /// <summary>Metrics (below) and traces (<see cref="TracingExtensions.AddEngagementTracing"/>), each on its own switch.</summary>
    public static WebApplicationBuilder AddEngagementTelemetry(this WebApplicationBuilder builder)
    {
        builder.AddEngagementTracing();
        builder.Services.AddSettings<TelemetryOptions>(builder.Configuration);
        var options = Settings.Ensure(builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions());
        if (!options.Enabled) return builder;

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter([.. MeterNames.All, .. PlatformMeters])
            .AddRuntimeInstrumentation()
            .AddNpgsqlInstrumentation()
            .AddPrometheusExporter());
        ListenOnManagementPort(builder, options);
        return builder;
    }

    /// <summary>
    /// Serves the scrape endpoint on the management port and nothing else there; call before the API's middleware. The
    /// public port does not serve it (the connection's local port decides, not the Host header a client chooses).
    /// </summary>
    public static WebApplication UseEngagementTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (!options.Enabled) return app;

        var port = options.ManagementPort;
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Connection.LocalPort == port && context.Request.Path == options.ScrapePath,
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
        app.Use((context, next) =>
        {
            if (context.Connection.LocalPort != port) return next(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return app;
    }

    /// <summary>
    /// Adds the management address to the ones the node already listens on. Kestrel takes its addresses from one source
    /// only: the Kestrel:Endpoints section when there is one, else the server URLs, else ASPNETCORE_HTTP_PORTS, else its
    /// default; so the management endpoint is added to that same source, and the others keep working.
    /// </summary>
    private static void ListenOnManagementPort(WebApplicationBuilder builder, TelemetryOptions options)
    {
        var management = $"http://{FormatHost(options.ManagementAddress)}:{options.ManagementPort.ToString(CultureInfo.InvariantCulture)}";
        var configuration = builder.Configuration;
        if (configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            configuration["Kestrel:Endpoints:EngagementManagement:Url"] = management;
            return;
        }
        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        if (string.IsNullOrWhiteSpace(urls))
        {
            var ports = Ports(builder, WebHostDefaults.HttpPortsKey, "http").Concat(Ports(builder, WebHostDefaults.HttpsPortsKey, "https")).ToList();
            urls = ports.Count > 0 ? string.Join(';', ports) : "http://localhost:5000"; // Kestrel's own default when nothing is configured
        }
        builder.WebHost.UseUrls([.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), management]);
    }

    private static IEnumerable<string> Ports(WebApplicationBuilder builder, string key, string scheme) =>
        (builder.WebHost.GetSetting(key) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"{scheme}://*:{p}");

    private static string FormatHost(string address) => address.Contains(':') ? $"[{address}]" : address;
}
