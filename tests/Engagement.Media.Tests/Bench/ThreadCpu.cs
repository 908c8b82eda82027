namespace Engagement.Media.Tests.Bench;

/// <summary>CPU and scheduling of Linux threads, from /proc/…/task/TID/schedstat and status.</summary>
internal static class ThreadCpu
{
    /// <summary>
    /// Summed CPU of this process's threads whose name starts with one of <paramref name="prefixes"/>: the scheduler's
    /// exact run time (first field of /proc/self/task/TID/schedstat, ns). utime + stime are sampled at the 100 Hz tick,
    /// which misjudges threads that run in short bursts between ticks, as packet threads do.
    /// </summary>
    public static TimeSpan OfThreadsNamed(params string[] prefixes)
    {
        var total = TimeSpan.Zero;
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                if (prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))) total += RunTime(task);
            }
            catch (IOException)
            {
                // the thread ended between listing and reading
            }
        }
        return total;
    }

    /// <summary>Summed exact run time of every thread of process <paramref name="pid"/> (threads that already ended are not counted).</summary>
    public static TimeSpan OfProcess(int pid)
    {
        var total = TimeSpan.Zero;
        foreach (var task in Directory.GetDirectories($"/proc/{pid}/task"))
        {
            try
            {
                total += RunTime(task);
            }
            catch (IOException)
            {
                // the thread ended between listing and reading
            }
        }
        return total;
    }

    private static TimeSpan RunTime(string task) => TimeSpan.FromTicks(long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0]) / 100);

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
