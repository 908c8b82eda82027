using System.Globalization;

namespace Engagement.LoadTests.Measurement;

/// <summary>
/// CPU time from /proc at one instant: the whole machine (busy, steal, total) and each process tree of the
/// benchmark (this tool, and every server it was told about, children included — PostgreSQL backends are
/// children of the postmaster). Two snapshots give how the machine's cores were shared during the window,
/// so a run disturbed by other processes on a shared machine says so. Empty where /proc is missing.
/// </summary>
internal sealed record CpuSnapshot(long Total, long Busy, long Steal, IReadOnlyList<(string Name, long Time)> Trees)
{
    public static CpuSnapshot Take(IReadOnlyCollection<int> serverPids)
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal guest guest_nice
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var total = cpu.Sum();
            var processes = ReadProcesses();
            var trees = new List<(string, long)> { ("load tool", TreeTime(processes, Environment.ProcessId)) };
            trees.AddRange(serverPids.Select(pid => (NameOf(processes, pid), TreeTime(processes, pid))));
            return new CpuSnapshot(total, total - cpu[3] - cpu[4] - cpu[7], cpu[7], trees);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return new CpuSnapshot(0, 0, 0, []);
        }
    }

    /// <summary>Cores used between two snapshots: by each of the benchmark's process trees, by everything else, and stolen.</summary>
    public static CpuShare Between(CpuSnapshot start, CpuSnapshot end)
    {
        var total = end.Total - start.Total;
        if (total <= 0 || start.Trees.Count != end.Trees.Count) return new CpuShare(double.NaN, double.NaN, double.NaN, []);
        double Cores(long jiffies) => (double)jiffies * Environment.ProcessorCount / total;
        var trees = end.Trees.Zip(start.Trees, (e, s) => new ProcessCores(e.Name, Cores(e.Time - s.Time))).ToArray();
        var ours = end.Trees.Sum(t => t.Time) - start.Trees.Sum(t => t.Time);
        return new CpuShare(Cores(ours), Cores(Math.Max(0, end.Busy - start.Busy - ours)), Cores(end.Steal - start.Steal), trees);
    }

    private sealed record ProcessStat(int Parent, long Time, string Name);

    private static Dictionary<int, ProcessStat> ReadProcesses()
    {
        var stats = new Dictionary<int, ProcessStat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                // After "(comm) ": state ppid ... utime (14th field overall) stime (15th).
                var fields = stat[(close + 2)..].Split(' ');
                stats[pid] = new ProcessStat(int.Parse(fields[1], CultureInfo.InvariantCulture),
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture),
                    stat[(open + 1)..close]);
            }
            catch (IOException) { } // the process ended meanwhile
        }

        return stats;
    }

    /// <summary>utime + stime of a process and all its descendants.</summary>
    private static long TreeTime(Dictionary<int, ProcessStat> processes, int root)
    {
        bool Under(int pid, int depth) =>
            pid == root || (depth < 16 && processes.TryGetValue(pid, out var s) && s.Parent > 1 && Under(s.Parent, depth + 1));
        return processes.Where(p => Under(p.Key, 0)).Sum(p => p.Value.Time);
    }

    private static string NameOf(Dictionary<int, ProcessStat> processes, int pid) =>
        processes.TryGetValue(pid, out var s) ? $"{s.Name} {pid}" : $"pid {pid} (gone)";
}

/// <summary>Average cores in use during the window.</summary>
internal sealed record CpuShare(double Ours, double Others, double Steal, IReadOnlyList<ProcessCores> Trees);

internal sealed record ProcessCores(string Name, double Cores);
