using System.Globalization;

namespace Engagement.LoadTests.Measurement;

/// <summary>
/// CPU time from /proc at one instant: the whole machine (busy, steal, total) and the process trees of the
/// benchmark (this tool and the servers it was told about, children included — PostgreSQL backends are
/// children of the postmaster). Two snapshots give how the machine's cores were shared during the window,
/// so a run disturbed by other processes on a shared machine says so. Empty where /proc is missing.
/// </summary>
internal sealed record CpuSnapshot(long Total, long Busy, long Steal, long Ours)
{
    public static CpuSnapshot Take(IReadOnlyCollection<int> serverPids)
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal guest guest_nice
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var total = cpu.Sum();
            var idle = cpu[3] + cpu[4];
            return new CpuSnapshot(total, total - idle - cpu[7], cpu[7], TreeTime([Environment.ProcessId, .. serverPids]));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return new CpuSnapshot(0, 0, 0, 0);
        }
    }

    /// <summary>Cores used between two snapshots: by the benchmark's processes, by everything else, and stolen by the hypervisor.</summary>
    public static CpuShare Between(CpuSnapshot start, CpuSnapshot end)
    {
        var total = end.Total - start.Total;
        if (total <= 0) return new CpuShare(double.NaN, double.NaN, double.NaN);
        double Cores(long jiffies) => (double)jiffies * Environment.ProcessorCount / total;
        var ours = end.Ours - start.Ours;
        return new CpuShare(Cores(ours), Cores(Math.Max(0, end.Busy - start.Busy - ours)), Cores(end.Steal - start.Steal));
    }

    /// <summary>utime + stime of the given processes and all their descendants.</summary>
    private static long TreeTime(IReadOnlyCollection<int> roots)
    {
        var stats = new Dictionary<int, (int Parent, long Time)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after "(comm)": state ppid ... utime (14th field overall) stime (15th).
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                stats[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture),
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (IOException) { } // the process ended meanwhile
        }

        var inTree = new HashSet<int>(roots);
        bool InTree(int pid, int depth) =>
            inTree.Contains(pid) || (depth < 16 && stats.TryGetValue(pid, out var s) && s.Parent > 1 && InTree(s.Parent, depth + 1));
        return stats.Where(p => InTree(p.Key, 0)).Sum(p => p.Value.Time);
    }
}

/// <summary>Average cores in use during the window.</summary>
internal sealed record CpuShare(double Ours, double Others, double Steal);
