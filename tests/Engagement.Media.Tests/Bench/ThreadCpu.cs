namespace Engagement.Media.Tests.Bench;

/// <summary>CPU time (user + system) of one Linux thread of this process, from /proc/self/task/TID/stat.</summary>
internal static class ThreadCpu
{
    private const double TicksPerSecond = 100.0; // USER_HZ on Linux

    /// <summary>Summed CPU of this process's threads whose name starts with one of <paramref name="prefixes"/>.</summary>
    public static TimeSpan OfThreadsNamed(params string[] prefixes)
    {
        var total = TimeSpan.Zero;
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                if (prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))) total += Of(int.Parse(Path.GetFileName(task)));
            }
            catch (IOException)
            {
                // the thread ended between listing and reading
            }
        }
        return total;
    }

    public static TimeSpan Of(int threadId)
    {
        var stat = File.ReadAllText($"/proc/self/task/{threadId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>
    /// Time the named threads spent runnable but waiting for a core (second field of /proc/self/task/TID/schedstat, ns),
    /// and their involuntary context switches: how often and how long the scheduler kept them off a core.
    /// </summary>
    public static (TimeSpan RunQueueWait, long Involuntary) SchedulingOfThreadsNamed(params string[] prefixes)
    {
        long waitNs = 0, involuntary = 0;
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                if (!prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))) continue;
                waitNs += long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[1]);
                var line = File.ReadLines(Path.Combine(task, "status")).First(l => l.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal));
                involuntary += long.Parse(line["nonvoluntary_ctxt_switches:".Length..].Trim());
            }
            catch (IOException)
            {
                // the thread ended between listing and reading
            }
        }
        return (TimeSpan.FromTicks(waitNs / 100), involuntary);
    }

    /// <summary>The 1-minute load average (/proc/loadavg).</summary>
    public static double LoadAverage() => double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
}
