using System.Globalization;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.Progress;

/// <summary>
/// What the live progress shows for one second of a run: messages sent and arrived in it, the delivery p50/p99 of
/// the messages sent in the second before (most of them have arrived by now), errors in it, connections, cores.
/// </summary>
internal sealed record ProgressSample(
    int Second, string Phase, long Sent, long Arrived, double? P50Ms, double? P99Ms, long Errors, int Senders, long ConnectionsLost,
    IReadOnlyList<ProcessCores> Cores)
{
    /// <summary>The sample of second <paramref name="second"/> from the timeline's rows (a second with no row had no traffic).</summary>
    public static ProgressSample From(int second, IReadOnlyList<TimelineRow> rows, int senders, long connectionsLost, IReadOnlyList<ProcessCores> cores)
    {
        var now = rows.FirstOrDefault(r => r.Second == second);
        var before = rows.FirstOrDefault(r => r.Second == second - 1);
        return new ProgressSample(second, now?.Phase ?? before?.Phase ?? "", now?.Sent ?? 0, now?.Arrived ?? 0,
            before?.DeliveryP50Ms, before?.DeliveryP99Ms, now?.Errors ?? 0, senders, connectionsLost, cores);
    }

    public string SentText => Sent.ToString("N0", CultureInfo.InvariantCulture);
    public string ArrivedText => Arrived.ToString("N0", CultureInfo.InvariantCulture);
    public string P50Text => Ms(P50Ms);
    public string P99Text => Ms(P99Ms);
    public string ConnectionsText => $"{Senders:N0} senders, {ConnectionsLost:N0} lost";
    public string CoresText => Cores.Count == 0 ? "–" : string.Join(", ", Cores.Select(c => $"{c.Name} {c.Cores.ToString("0.00", CultureInfo.InvariantCulture)}"));

    /// <summary>For the live table, where an 80-column terminal must hold every column: short names, one decimal.</summary>
    public string CoresCompact => Cores.Count == 0 ? "–" : string.Join(" ", Cores.Select(c => $"{Short(c.Name)} {c.Cores.ToString("0.0", CultureInfo.InvariantCulture)}"));

    public string ConnectionsCompact => $"{Senders:N0} ({ConnectionsLost:N0})";

    private static string Short(string name) => name switch
    {
        "load tool" => "tool",
        "other processes" => "others",
        _ => name.Split(' ')[0], // "dotnet 4242" → "dotnet"
    };

    /// <summary>One line for logs and pipes (no terminal control codes).</summary>
    public string PlainLine(string run) =>
        $"{run}: {Second,4} s {Phase,-6}  sent {SentText}/s  arrived {ArrivedText}/s  p50 {P50Text} ms  p99 {P99Text} ms  errors {Errors:N0}  {ConnectionsText}  cores: {CoresText}";

    private static string Ms(double? v) => v is { } d ? d.ToString(d < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) : "–";
}
