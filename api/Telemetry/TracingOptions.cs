using OpenTelemetry.Exporter;

namespace Engagement.Api.Telemetry;

/// <summary>
/// Distributed tracing (docs/operations.md, "Traces"). Section "Engagement:Telemetry:Tracing", apart from the metrics'
/// switch: either runs without the other. Off by default: nothing is traced, and Orleans does not propagate contexts.
/// </summary>
public sealed class TracingOptions : ISettings<TracingOptions>
{
    public const string Section = "Engagement:Telemetry:Tracing";

    /// <summary>The standard variables the OTLP exporter also reads: with one set and <see cref="OtlpEndpoint"/> not, spans go there.</summary>
    public static IReadOnlyList<string> StandardEndpointVariables { get; } = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"];

    /// <summary>Record spans (hub invocations, HTTP requests, grain calls, queries) and export them.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The share of new traces recorded, from 0 to 1. A span that continues a trace follows its parent's decision
    /// (a traceparent header from a client, a grain call from another silo), so a trace is kept whole or not at all.
    /// </summary>
    public double SamplingRatio { get; set; } = 1.0;

    /// <summary>
    /// Where to export over OTLP, as OTEL_EXPORTER_OTLP_ENDPOINT would say it (for http/protobuf, a base: /v1/traces is
    /// added). Empty: the standard variables' value if one is set (<see cref="StandardEndpointVariables"/>), else no export.
    /// </summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>The OTLP protocol for <see cref="OtlpEndpoint"/>: Grpc (port 4317 by convention) or HttpProtobuf (4318).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    static string ISettings<TracingOptions>.Section => Section;

    public void Check(SettingsCheck check) => check
        .InRange(nameof(SamplingRatio), SamplingRatio, 0, 1)
        .That(OtlpEndpoint.Length == 0 || Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
            nameof(OtlpEndpoint), $"must be an http:// or https:// URL such as http://otel-collector:4317 (it is '{OtlpEndpoint}').")
        .Defined(nameof(OtlpProtocol), OtlpProtocol);
}
