using System.Text.Json;
using System.Text.Json.Serialization;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.Reporting;

/// <summary>
/// A report of one or more runs, as JSON (<c>--report</c>, <c>merge</c>, <c>bench all</c>) and rendered as one HTML
/// file (<see cref="HtmlReport"/>). A single run's report and a combined one have the same shape.
/// </summary>
/// <param name="Notes">Sentences shown above the runs (e.g. how chat compares with the relay).</param>
internal sealed record LoadReport(DateTimeOffset CreatedAt, string Title, IReadOnlyList<ReportRun> Runs, IReadOnlyList<string>? Notes = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes <paramref name="jsonPath"/> and the HTML beside it (same name, .html); returns the HTML's path.</summary>
    public async Task<string> WriteAsync(string jsonPath)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(jsonPath)) is { } folder) Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(this, Json));
        var html = Path.ChangeExtension(jsonPath, ".html");
        await File.WriteAllTextAsync(html, HtmlReport.Render(this));
        return html;
    }

    public static LoadReport Read(string jsonPath) =>
        JsonSerializer.Deserialize<LoadReport>(File.ReadAllText(jsonPath), Json) ?? throw new InvalidDataException($"{jsonPath} is not a load report");
}

/// <summary>
/// One run in a report: the measuring command's own figures (<see cref="Summary"/>, as its <c>--summary-file</c>
/// has them), its latency percentiles and histogram, and second by second what it sent, delivered, failed and how
/// the cores were shared. Runs without a timeline (context, site-visitors, directory) carry their summary only.
/// </summary>
/// <param name="HistogramLog">The HdrHistogram log next to the report (file name), from which runs are merged.</param>
/// <param name="Generators">How many generator processes (or machines) the run's figures were merged from.</param>
internal sealed record ReportRun(
    string Name, string Benchmark, JsonElement? Summary, LatencySummary? Delivery, LatencySummary? Ack,
    IReadOnlyList<HistogramBucket> DeliveryHistogram, IReadOnlyList<TimelineRow> Timeline, string? HistogramLog, int Generators = 1);

/// <summary>A bar of the latency histogram: how many messages took more than the previous bar's bound and at most <paramref name="UpToMs"/>.</summary>
internal sealed record HistogramBucket(double UpToMs, long Count);
