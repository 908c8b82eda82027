using System.Globalization;
using System.Text.Json;

namespace Engagement.LoadTests.Reporting;

/// <summary>Prints a run as a readable table and as a markdown row for docs/benchmarks.md.</summary>
internal static class ResultReport
{
    public const string MarkdownHeader =
        "| date (UTC) | benchmark | load | target msg/s | delivered msg/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | ack p50 / p99 ms | errors / shed / lost / dup | cores: bench / others / steal | bench CPU µs/msg | command |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    public static void Print(RunResult r, TextWriter output)
    {
        var rate = r.TargetRate > 0 ? $"target {N(r.TargetRate)} msg/s (open loop)" : "max throughput (bounded window per connection)";
        output.WriteLine();
        output.WriteLine($"{r.Benchmark} — {r.Load}, {rate}, {N(r.WindowSeconds)} s window");
        output.WriteLine($"  sent in window        {N(r.SentInWindow),12}   ({N(r.SentInWindow / r.WindowSeconds)} msg/s)");
        output.WriteLine($"  acked in window       {N(r.AckedInWindow),12}");
        output.WriteLine($"  delivered in window   {N(r.DeliveredInWindow),12}   ({N(r.DeliveredPerSecond)} msg/s arrived during the window)");
        output.WriteLine($"  delivery latency ms   {Percentiles(r.Delivery)}");
        output.WriteLine($"  ack latency ms        {Percentiles(r.Ack)}");
        output.WriteLine($"  pacer lag p99 ms      {Ms(r.PacerLagP99Ms)}");
        output.WriteLine($"  errors {N(r.Errors)}   connections lost {N(r.ConnectionsLost)}   shed {N(r.Shed)}   messages lost {N(r.Missing)}   duplicates {N(r.Duplicates)}   out of order {N(r.OutOfOrder)}");
        if (r.FirstConnectionLoss is { } loss) output.WriteLine($"    first connection lost {loss}");
        foreach (var sample in r.ErrorSamples) output.WriteLine($"    error: {sample}");
        foreach (var warning in r.Warnings) output.WriteLine($"  WARNING: {warning}");
        output.WriteLine($"  machine               {r.Machine.Cores} cores{(r.Machine.Nice != 0 ? $" (benchmark at nice {r.Machine.Nice})" : "")}, load average {Ms(r.Machine.LoadBefore)} → {Ms(r.Machine.LoadAfter)}, {r.Machine.StartedAt:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine($"  cores in the window   {Cores(r.WindowCpu)}");
        output.WriteLine($"  CPU per message       {Ms(r.CpuMicrosecondsPerMessage)} µs of the benchmark's processes per delivered message");
        output.WriteLine($"  command               {r.CommandLine}");
        output.WriteLine();
        output.WriteLine("markdown (docs/benchmarks.md):");
        output.WriteLine(MarkdownHeader);
        output.WriteLine(MarkdownRow(r));
    }

    public static string MarkdownRow(RunResult r) => string.Join(" | ",
        "| " + r.Machine.StartedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        r.Benchmark,
        r.Load,
        r.TargetRate > 0 ? N(r.TargetRate) : "max",
        N(r.DeliveredPerSecond),
        Ms(r.Delivery.P50), Ms(r.Delivery.P90), Ms(r.Delivery.P99), Ms(r.Delivery.P999), Ms(r.Delivery.Max),
        $"{Ms(r.Ack.P50)} / {Ms(r.Ack.P99)}",
        $"{N(r.Errors)} / {N(r.Shed)} / {N(r.Missing)} / {N(r.Duplicates)}" + (r.ConnectionsLost > 0 ? $" ({N(r.ConnectionsLost)} connections lost)" : ""),
        (r.WindowCpu is { } cpu ? $"{Ms(cpu.Ours)} / {Ms(cpu.Others)} / {Ms(cpu.Steal)}" : "–") + (r.Machine.Nice != 0 ? $" (nice {r.Machine.Nice})" : ""),
        Ms(r.CpuMicrosecondsPerMessage),
        $"`{r.CommandLine}` |");

    public static async Task WriteSummaryAsync(RunResult r, string path)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, r, new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        });
    }

    private static string Cores(Measurement.CpuShare? cpu) => cpu is null ? "–"
        : $"{Ms(cpu.Ours)} used by the benchmark's processes ({string.Join(", ", cpu.Trees.Select(t => $"{t.Name}: {Ms(t.Cores)}"))}), " +
          $"{Ms(cpu.Others)} by other processes, {Ms(cpu.Steal)} stolen by the hypervisor";

    private static string Percentiles(Measurement.LatencySummary s) =>
        $"p50 {Ms(s.P50)}  p90 {Ms(s.P90)}  p99 {Ms(s.P99)}  p99.9 {Ms(s.P999)}  max {Ms(s.Max)}   (n={N(s.Count)})";

    private static string Ms(double value) => double.IsNaN(value) ? "–"
        : value < 10 ? value.ToString("0.00", CultureInfo.InvariantCulture)
        : value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString(value % 1 == 0 ? "N0" : "N1", CultureInfo.InvariantCulture);
}
