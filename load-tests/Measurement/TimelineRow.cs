using System.Globalization;
using System.Text;

namespace Engagement.LoadTests.Measurement;

/// <summary>
/// One second of a run (<see cref="SecondTimeline"/>): what was sent in it and the latency of those messages, what
/// arrived and failed in it, and how the machine's cores were shared (null where it was not sampled). Latencies in
/// ms, null for a second with none.
/// </summary>
internal sealed record TimelineRow(
    int Second, DateTimeOffset Utc, string Phase, long Sent, long Arrived, long Errors,
    double? DeliveryP50Ms, double? DeliveryP99Ms, double? DeliveryMaxMs, double? AckP99Ms, double? AckMaxMs,
    double? PacerLagMaxMs, IReadOnlyList<ProcessCores>? Cores)
{
    /// <summary>The CSV of <c>--timeline</c>; its columns stay as they were (scripts read them), errors come last.</summary>
    public static string Csv(IEnumerable<TimelineRow> rows)
    {
        var csv = new StringBuilder("utc,second,phase,sent,arrived,delivery_p50_ms,delivery_p99_ms,delivery_max_ms,ack_p99_ms,ack_max_ms,pacer_lag_max_ms,errors\n");
        foreach (var r in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{r.Utc:yyyy-MM-ddTHH:mm:ss.fff},{r.Second},{r.Phase},{r.Sent},{r.Arrived},");
            csv.Append(CultureInfo.InvariantCulture,
                $"{F(r.DeliveryP50Ms)},{F(r.DeliveryP99Ms)},{F(r.DeliveryMaxMs)},{F(r.AckP99Ms)},{F(r.AckMaxMs)},{F(r.PacerLagMaxMs)},{r.Errors}\n");
        }
        return csv.ToString();
    }

    private static string F(double? ms) => ms is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "";
}
