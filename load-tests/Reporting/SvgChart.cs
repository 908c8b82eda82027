using System.Globalization;
using System.Net;
using System.Text;

namespace Engagement.LoadTests.Reporting;

/// <summary>
/// Line and bar charts as inline SVG, drawn here rather than by a charting library: the report must be one file
/// that opens anywhere without network or script (CI artefacts, mail), ScottPlot would bring SkiaSharp's native
/// libraries into the tool, and a vendored JS chart would need a build step for a handful of simple plots.
/// </summary>
internal static class SvgChart
{
    private const int Width = 760, Height = 240, Left = 60, Right = 150, Top = 28, Bottom = 34;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

    /// <summary>A named line; null values leave a gap.</summary>
    public sealed record Series(string Name, IReadOnlyList<double?> Values);

    /// <summary>Lines over the seconds of a run (<paramref name="x"/>), y from 0.</summary>
    public static string Lines(string plot, string title, string unit, IReadOnlyList<double> x, IReadOnlyList<Series> series)
    {
        var values = series.SelectMany(s => s.Values).OfType<double>().Where(double.IsFinite).ToArray();
        var yMax = Nice(values.Length == 0 ? 1 : values.Max());
        var (xMin, xMax) = x.Count == 0 ? (0.0, 1.0) : (x.Min(), Math.Max(x.Max(), x.Min() + 1));
        var svg = Open(plot, title);
        Axes(svg, yMax, unit, $"{F(xMin)} s", $"{F(xMax)} s");
        for (var s = 0; s < series.Count; s++)
        {
            var path = new StringBuilder();
            var pen = 'M';
            for (var i = 0; i < x.Count && i < series[s].Values.Count; i++)
            {
                if (series[s].Values[i] is not { } v || !double.IsFinite(v)) { pen = 'M'; continue; }
                path.Append(CultureInfo.InvariantCulture, $"{pen}{X(x[i], xMin, xMax)},{Y(v, yMax)} ");
                pen = 'L';
            }
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"{Colours[s % Colours.Length]}\" stroke-width=\"1.5\"/>");
            Legend(svg, s, series[s].Name);
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Bars, one per label, y from 0 (the latency histogram).</summary>
    public static string Bars(string plot, string title, string unit, IReadOnlyList<string> labels, IReadOnlyList<double> values)
    {
        var yMax = Nice(values.Count == 0 ? 1 : values.Max());
        var svg = Open(plot, title);
        Axes(svg, yMax, unit, labels.FirstOrDefault() ?? "", labels.LastOrDefault() ?? "");
        var slot = (Width - Left - Right) / (double)Math.Max(1, values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var y = Y(values[i], yMax);
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{F(Left + i * slot)}\" y=\"{y}\" width=\"{F(Math.Max(1, slot - 1))}\" height=\"{F(Height - Bottom - y)}\" fill=\"{Colours[0]}\"><title>≤ {WebUtility.HtmlEncode(labels[i])}: {values[i]:N0}</title></rect>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string plot, string title) => new StringBuilder()
        .Append(CultureInfo.InvariantCulture, $"<svg data-plot=\"{plot}\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"sans-serif\" font-size=\"11\">")
        .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"16\" font-size=\"13\" font-weight=\"bold\">{WebUtility.HtmlEncode(title)}</text>");

    private static void Axes(StringBuilder svg, double yMax, string unit, string xFirst, string xLast)
    {
        for (var t = 0; t <= 4; t++)
        {
            var v = yMax * t / 4;
            var y = Y(v, yMax);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#ddd\"/>")
               .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{y + 4}\" text-anchor=\"end\">{F(v)}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right + 10}\" y=\"{Height - 12}\" fill=\"#555\">y: {WebUtility.HtmlEncode(unit)}</text>")
           .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 12}\">{WebUtility.HtmlEncode(xFirst)}</text>")
           .Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Height - 12}\" text-anchor=\"end\">{WebUtility.HtmlEncode(xLast)}</text>");
    }

    private static void Legend(StringBuilder svg, int index, string name)
    {
        var y = Top + 14 * index + 6;
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Width - Right + 10}\" y=\"{y - 8}\" width=\"10\" height=\"3\" fill=\"{Colours[index % Colours.Length]}\"/>")
           .Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right + 24}\" y=\"{y - 3}\">{WebUtility.HtmlEncode(name)}</text>");
    }

    /// <summary>A round upper bound for the y axis (1, 2 or 5 × a power of ten).</summary>
    private static double Nice(double max)
    {
        if (!(max > 0)) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(v => v >= max);
    }

    private static string X(double x, double min, double max) => F(Left + (x - min) / (max - min) * (Width - Left - Right));

    private static double Y(double v, double yMax) => Math.Round(Height - Bottom - v / yMax * (Height - Top - Bottom), 1);

    private static string F(double v) => v.ToString(Math.Abs(v) >= 100 || v % 1 == 0 ? "0" : "0.##", CultureInfo.InvariantCulture);
}
