using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Engagement.LoadTests.Reporting;

/// <summary>
/// A <see cref="LoadReport"/> as one self-contained HTML page: an overview table, then per run its figures and five
/// plots (latency over time, latency histogram, throughput, errors, cores by process) as inline SVG
/// (<see cref="SvgChart"/>). The report's JSON is embedded too (<c>script#report-data</c>), so the numbers behind
/// every plot travel with the page.
/// </summary>
internal static class HtmlReport
{
    public static string Render(LoadReport report)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(report.Title)).Append("</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em;max-width:1600px}table{border-collapse:collapse;margin:1em 0;max-width:1200px}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append(".plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(760px,1fr));gap:8px}svg{background:#fafafa;border:1px solid #eee}</style></head><body>")
            .Append("<h1>").Append(E(report.Title)).Append("</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p>Created {report.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC by Engagement.LoadTests (docs/benchmarks.md).</p>");
        if (report.Notes is { Count: > 0 } notes) html.Append("<ul>").AppendJoin("", notes.Select(n => $"<li>{E(n)}</li>")).Append("</ul>");
        Overview(html, report.Runs);
        foreach (var run in report.Runs) Run(html, run);
        var data = JsonSerializer.Serialize(report, LoadReport.Json).Replace("</", "<\\/", StringComparison.Ordinal);
        return html.Append("<script type=\"application/json\" id=\"report-data\">").Append(data).Append("</script></body></html>").ToString();
    }

    private static void Overview(StringBuilder html, IReadOnlyList<ReportRun> runs)
    {
        html.Append("<table><tr><th>run</th><th>benchmark</th><th>generators</th><th>latency samples</th><th>p50 ms</th><th>p99 ms</th><th>max ms</th></tr>");
        foreach (var r in runs)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"#{E(r.Name)}\">{E(r.Name)}</a></td><td>{E(r.Benchmark)}</td><td>{r.Generators}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{r.Delivery?.Count:N0}</td><td>{Ms(r.Delivery?.P50)}</td><td>{Ms(r.Delivery?.P99)}</td><td>{Ms(r.Delivery?.Max)}</td></tr>");
        html.Append("</table>");
    }

    private static void Run(StringBuilder html, ReportRun run)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"{E(run.Name)}\">{E(run.Name)}</h2>");
        if (run.Summary is { ValueKind: JsonValueKind.Object } summary)
        {
            html.Append("<table>");
            foreach (var p in summary.EnumerateObject().Where(p => p.Value.ValueKind is JsonValueKind.Number or JsonValueKind.String))
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(p.Name)}</td><td>{E(Value(p.Value))}</td></tr>");
            foreach (var p in summary.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("p99", out _)))
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(p.Name)} ms</td><td>{E(Percentiles(p.Value))}</td></tr>");
            html.Append("</table>");
        }
        if (run.Timeline.Count == 0 && run.DeliveryHistogram.Count == 0) return;

        var t = run.Timeline;
        var x = t.Select(r => (double)r.Second).ToArray();
        html.Append("<div class=\"plots\">")
            .Append(SvgChart.Lines("latency", "Delivery latency over time (by second sent)", "ms", x,
            [
                new("p50", t.Select(r => r.DeliveryP50Ms).ToArray()), new("p99", t.Select(r => r.DeliveryP99Ms).ToArray()),
                new("max", t.Select(r => r.DeliveryMaxMs).ToArray()), new("ack p99", t.Select(r => r.AckP99Ms).ToArray()),
            ]))
            .Append(SvgChart.Bars("histogram", "Delivery latency histogram (measured window)", "messages",
                run.DeliveryHistogram.Select(b => $"{Ms(b.UpToMs)} ms").ToArray(), run.DeliveryHistogram.Select(b => (double)b.Count).ToArray()))
            .Append(SvgChart.Lines("throughput", "Throughput", "msg/s", x,
                [new("sent", t.Select(r => (double?)r.Sent).ToArray()), new("arrived", t.Select(r => (double?)r.Arrived).ToArray())]))
            .Append(SvgChart.Lines("errors", "Errors", "per s", x, [new("errors", t.Select(r => (double?)r.Errors).ToArray())]))
            .Append(SvgChart.Lines("cores", "Cores by process", "cores", x, CoreSeries(t)))
            .Append("</div>");
    }

    /// <summary>One line per process tree (and others, stolen) that was sampled.</summary>
    private static SvgChart.Series[] CoreSeries(IReadOnlyList<Measurement.TimelineRow> rows) =>
        rows.SelectMany(r => r.Cores ?? []).Select(c => c.Name).Distinct()
            .Select(name => new SvgChart.Series(name, rows.Select(r => r.Cores?.FirstOrDefault(c => c.Name == name)?.Cores).ToArray()))
            .ToArray();

    private static string Percentiles(JsonElement s) => string.Join("  ",
        new[] { "p50", "p90", "p99", "p999", "max" }.Where(k => s.TryGetProperty(k, out _)).Select(k => $"{k} {Value(s.GetProperty(k))}"));

    /// <summary>Numbers to three decimals (the JSON keeps them whole).</summary>
    private static string Value(JsonElement v) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d.ToString("#,0.###", CultureInfo.InvariantCulture) : v.ToString();

    private static string Ms(double? v) => v is { } d && double.IsFinite(d) ? d.ToString(d < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) : "–";

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
}
