using System.Globalization;
using System.Text.Json;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.Conversations;

/// <summary>How the conversation benchmarks print their figures: milliseconds, rates, the machine's load and who had the cores.</summary>
internal static class BenchPrint
{
    public static string Ms(double value) => double.IsNaN(value) ? "–"
        : value < 10 ? value.ToString("0.00", CultureInfo.InvariantCulture) : value.ToString("0.0", CultureInfo.InvariantCulture);

    public static string N(double value) => value.ToString(value % 1 == 0 ? "N0" : "N1", CultureInfo.InvariantCulture);

    /// <summary>p50 / p95 / p99 / max of a histogram, in ms.</summary>
    public static string Percentiles(LatencyHistogram h) =>
        $"{Ms(h.PercentileMs(50))} / {Ms(h.PercentileMs(95))} / {Ms(h.PercentileMs(99))} / {Ms(h.MaxMs)}";

    /// <summary>The load averages now (/proc/loadavg's first three fields), as uptime prints them.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "–";

    /// <summary>Cores used by the benchmark's processes and by others during a window.</summary>
    public static string Cores(CpuShare? cpu) => cpu is null || double.IsNaN(cpu.Ours) ? "–" : $"{Ms(cpu.Ours)} / {Ms(cpu.Others)}";

    /// <summary>Writes the figures as indented camelCase JSON.</summary>
    public static async Task WriteJsonAsync(string path, object figures)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, figures, new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        });
    }

    /// <summary>A histogram's figures for the JSON summary.</summary>
    public static object Figures(LatencyHistogram h) => new { h.Count, p50 = h.PercentileMs(50), p95 = h.PercentileMs(95), p99 = h.PercentileMs(99), max = h.MaxMs };
}
