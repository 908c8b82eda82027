using System.Net;

namespace Engagement.Api.Telemetry;

/// <summary>
/// Metrics export (docs/operations.md, "Metrics"). Section "Engagement:Telemetry". Off by default: the scrape endpoint
/// takes a port of its own, and several nodes on one machine (development, tests) would fight over a fixed one.
/// </summary>
public sealed class TelemetryOptions : ISettings<TelemetryOptions>
{
    public const string Section = "Engagement:Telemetry";

    /// <summary>Collect metrics and serve them to Prometheus on the management endpoint.</summary>
    public bool Enabled { get; set; }

    /// <summary>The management port, apart from the public one: only the scrape endpoint answers there.</summary>
    public int ManagementPort { get; set; } = 9464;

    /// <summary>The address the management port listens on; loopback unless a scraper on another host must reach it.</summary>
    public string ManagementAddress { get; set; } = IPAddress.Loopback.ToString();

    /// <summary>The path Prometheus scrapes on the management port.</summary>
    public string ScrapePath { get; set; } = "/metrics";

    static string ISettings<TelemetryOptions>.Section => Section;

    public void Check(SettingsCheck check) => check
        .InRange(nameof(ManagementPort), ManagementPort, 1, 65535)
        .That(IPAddress.TryParse(ManagementAddress, out _), nameof(ManagementAddress), $"must be an IP address such as 127.0.0.1 or 0.0.0.0 (it is '{ManagementAddress}').")
        .That(ScrapePath.StartsWith('/') && !ScrapePath.Contains('?'), nameof(ScrapePath), $"must be a path starting with / (it is '{ScrapePath}').");
}
