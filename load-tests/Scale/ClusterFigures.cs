using System.Globalization;
using System.Text;

namespace Engagement.Scale;

/// <summary>What <see cref="ClusterRun"/> measured on one cluster size.</summary>
/// <param name="Silos">Silos started at first; the join adds one, the stop and the kill remove one each.</param>
/// <param name="Deploy">Start of all silos and the client until every silo saw every other Active.</param>
/// <param name="JoinStarted">StartAdditionalSiloAsync: until the new silo's host started (it is Active itself).</param>
/// <param name="JoinSeenByAll">Until every silo's membership view had the new silo Active.</param>
/// <param name="Grains">Customer grains activated through the client (and found active when counted).</param>
/// <param name="Spread">Their activations per silo.</param>
/// <param name="FirstCall">A silo's first calls to grains active elsewhere (directory lookup unless cached), p50 and p99.</param>
/// <param name="RepeatCall">The same calls again (address cached), p50 and p99.</param>
/// <param name="StopSeenByAll">Graceful stop: from StopSiloAsync until every other silo saw it Dead.</param>
/// <param name="KillSeenByAll">Ungraceful stop (the test host's kill): until every other silo saw it Dead.</param>
/// <param name="KillInTable">The same, until the membership table's row said Dead.</param>
/// <param name="Reactivated">Grains that lived on the killed silo, and how long until each had answered again from a new one.</param>
/// <param name="Idle">The idle cluster's load on PostgreSQL: membership-table scans/s, membership rows written/s, all commits/s.</param>
/// <param name="Connections">Connections open to the database with the idle cluster.</param>
public sealed record ClusterFigures(
    int Silos, TimeSpan Deploy, TimeSpan JoinStarted, TimeSpan JoinSeenByAll, int Grains, int[] Spread,
    (double P50, double P99) FirstCall, (double P50, double P99) RepeatCall,
    TimeSpan StopSeenByAll, TimeSpan KillSeenByAll, TimeSpan KillInTable, (int Count, TimeSpan Took) Reactivated,
    (double Scans, double Writes, double Commits) Idle, int Connections)
{
    public double SpreadCv
    {
        get
        {
            var mean = Spread.Average();
            return Math.Sqrt(Spread.Sum(n => (n - mean) * (n - mean)) / Spread.Length) / mean;
        }
    }

    public static string Markdown(IReadOnlyList<ClusterFigures> rows, DateTime from, DateTime to, string loadBefore, string loadAfter, int cores, ScaleBenchOptions options)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Run {from:yyyy-MM-dd HH:mm}–{to:HH:mm} UTC, {cores} cores, load average {loadBefore} before, {loadAfter} after; " +
            $"`./engage bench cluster --silos {string.Join(',', options.Silos)} --grains-per-silo {options.GrainsPerSilo} --idle-seconds {options.IdleSeconds}`");
        text.AppendLine();
        text.AppendLine("| silos | deploy s | join: self / all see it s | activations per silo min / max (CV) | first call p50 / p99 ms | repeat call p50 / p99 ms | stop → all see Dead s | kill → all see Dead / table s | re-activated after kill | idle: membership scans/s, rows written/s, commits/s | connections |");
        text.AppendLine("|---:|---:|---|---|---|---|---:|---|---|---|---:|");
        foreach (var r in rows)
        {
            text.AppendLine(c, $"| {r.Silos} | {S(r.Deploy)} | {S(r.JoinStarted)} / {S(r.JoinSeenByAll)} | {r.Spread.Min()} / {r.Spread.Max()} ({r.SpreadCv:0.00}) of {r.Grains} | " +
                $"{r.FirstCall.P50:0.00} / {r.FirstCall.P99:0.00} | {r.RepeatCall.P50:0.00} / {r.RepeatCall.P99:0.00} | {S(r.StopSeenByAll)} | {S(r.KillSeenByAll)} / {S(r.KillInTable)} | " +
                $"{r.Reactivated.Count} in {S(r.Reactivated.Took)} s | {r.Idle.Scans:0.0}, {r.Idle.Writes:0.00}, {r.Idle.Commits:0.0} | {r.Connections} |");
        }
        return text.ToString();
    }

    private static string S(TimeSpan t) => ScaleBench.Seconds(t);
}
