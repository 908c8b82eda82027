using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace Engagement.Api.Telemetry;

/// <summary>
/// Traces through OpenTelemetry (docs/operations.md, "Traces"): a hub invocation or an HTTP request, the grain calls it
/// makes (Orleans propagates the context between silos: <see cref="IsTracingEnabled"/> turns that on in the silo), the
/// queries those run, and our own spans (<see cref="ActivitySourceNames"/>), as one trace, exported over OTLP. Only with
/// <c>Engagement:Telemetry:Tracing:Enabled</c>. Log lines carry the trace and span ids either way.
/// </summary>
public static class TracingExtensions
{
    /// <summary>SignalR's span per hub method invocation (and per connection's OnConnectedAsync).</summary>
    private const string SignalRServer = "Microsoft.AspNetCore.SignalR.Server";

    private const string ServiceName = "engagement";

    /// <summary>The tracing settings, checked, for code that composes the host (the silo's Orleans builder).</summary>
    public static TracingOptions TracingSettings(this IConfiguration configuration) =>
        Settings.Ensure(configuration.GetSection(TracingOptions.Section).Get<TracingOptions>() ?? new TracingOptions());

    public static bool IsTracingEnabled(this IConfiguration configuration) => configuration.TracingSettings().Enabled;

    public static WebApplicationBuilder AddEngagementTracing(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<TracingOptions>(builder.Configuration);
        AddTraceIdsToLogs(builder.Logging);
        var options = builder.Configuration.TracingSettings();
        if (!options.Enabled) return builder;

        var metrics = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        int? scrapePort = metrics.Enabled ? metrics.ManagementPort : null;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing =>
            {
                tracing
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.SamplingRatio)))
                    .AddSource([.. ActivitySourceNames.All, SignalRServer, ActivitySources.AllActivitySourceName])
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => IsTraced(context, scrapePort))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddProcessor<BackgroundSpanFilter>();
                AddOtlpExporter(tracing, options, builder.Configuration);
            });
        return builder;
    }

    /// <summary>
    /// Health probes (every few seconds from the orchestrator and the load balancer) and the metrics scrape say nothing
    /// a trace would: not recorded.
    /// </summary>
    private static bool IsTraced(HttpContext context, int? scrapePort) =>
        !context.Request.Path.StartsWithSegments("/health") && context.Connection.LocalPort != scrapePort;

    /// <summary>
    /// Ours when set; else the standard variable's, read by the exporter itself with the rest of OTEL_EXPORTER_OTLP_*
    /// (protocol, headers); else no export.
    /// </summary>
    private static void AddOtlpExporter(TracerProviderBuilder tracing, TracingOptions options, IConfiguration configuration)
    {
        if (options.OtlpEndpoint.Length > 0)
        {
            var endpoint = new Uri(options.OtlpEndpoint);
            // A base URL, as the standard variable's: the exporter adds the signal's path only to that variable's value.
            if (options.OtlpProtocol == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath == "/") endpoint = new Uri(endpoint, "v1/traces");
            tracing.AddOtlpExporter(o => (o.Endpoint, o.Protocol) = (endpoint, options.OtlpProtocol));
        }
        else if (TracingOptions.StandardEndpointVariables.Any(name => !string.IsNullOrWhiteSpace(configuration[name])))
        {
            tracing.AddOtlpExporter();
        }
    }

    /// <summary>
    /// Every log line written inside a span carries its trace and span ids (as a scope), and the console line shows them
    /// (<see cref="TraceConsoleFormatter"/>): from a line in the log to its trace, and back.
    /// </summary>
    private static void AddTraceIdsToLogs(ILoggingBuilder logging)
    {
        logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        logging.AddConsoleFormatter<TraceConsoleFormatter, ConsoleFormatterOptions>();
    }
}
