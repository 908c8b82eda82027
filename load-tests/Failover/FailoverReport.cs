using System.Globalization;
using System.Text.Json;

namespace Engagement.LoadTests.Failover;

/// <summary>What a failover run found, printed for people and written as JSON for docs/benchmarks.md.</summary>
internal sealed record FailoverReport(FailoverSettings Settings, IReadOnlyList<double> Detections, FailoverTrafficResult Result)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Recovery over every session of every kill (the PostgreSQL restart is reported on its own).</summary>
    private IEnumerable<FaultOutcome> Kills => Result.Faults.Where(f => f.Label.StartsWith("kill", StringComparison.Ordinal));

    public void Print(TextWriter output)
    {
        var r = Result;
        var t = Settings.Traffic;
        output.WriteLine($"failover run: {Settings.Silos} silos behind HAProxy, {t.Conversations} conversations, {t.Agents} agents, {t.Rate} msg/s, {Settings.Kills} kill -9{(Settings.PostgresRestart ? " + a PostgreSQL restart" : "")}");
        output.WriteLine($"  sent {r.Sent:N0}, acknowledged {r.Acked:N0}, failed after retries {r.Failed:N0}; client reconnects {r.Reconnects:N0}, moves {r.Moves:N0}");
        output.WriteLine($"  detection (kill -9 → Dead in the membership table): {string.Join(", ", Detections.Select(d => d.ToString("0.00", CultureInfo.InvariantCulture) + " s"))}");
        foreach (var f in r.Faults)
        {
            output.WriteLine($"  {f.Label}: recovery p50 {S(f.RecoveryP50)} p99 {S(f.RecoveryP99)} max {S(f.RecoveryMax)}; {f.Unrecovered} sessions unrecovered; {f.Errors} retried errors / 5xx over {S(f.ErrorWindow)}");
            foreach (var kind in f.ErrorKinds) output.WriteLine($"      {kind}");
        }
        output.WriteLine($"  delivery outside recovery windows: {r.SteadyDelivery}");
        foreach (var violation in r.Violations) output.WriteLine($"  ! {violation}");
        output.WriteLine(Line());
    }

    /// <summary>The one line the issue asks for.</summary>
    public string Line()
    {
        var kills = Kills.ToList();
        string Over(Func<FaultOutcome, double> pick) => kills.Count == 0 ? "n/a" : S(kills.Max(pick));
        return $"failover: {Settings.Kills} kills, lost {Result.Lost}, missed {Result.Missed}, out-of-order {Result.OutOfOrder}, duplicates {Result.Duplicates}, " +
               $"recovery p50 {Over(k => k.RecoveryP50)} p99 {Over(k => k.RecoveryP99)} max {Over(k => k.RecoveryMax)}";
    }

    public Task WriteAsync(string path) => File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
    {
        silos = Settings.Silos, kills = Settings.Kills, postgresRestart = Settings.PostgresRestart,
        conversations = Settings.Traffic.Conversations, agents = Settings.Traffic.Agents, rate = Settings.Traffic.Rate,
        detectionSeconds = Detections, Result.Sent, Result.Acked, Result.Failed, Result.Lost, Result.Missed, Result.OutOfOrder, Result.Duplicates,
        Result.Reconnects, Result.Moves, faults = Result.Faults, steadyDelivery = Result.SteadyDelivery, line = Line(),
    }, Json));

    private static string S(double seconds) => double.IsNaN(seconds) ? "n/a" : seconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
