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
}
