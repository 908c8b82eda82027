namespace Engagement.Media.Tests.Bench;

/// <summary>CPU time (user + system) of one Linux thread of this process, from /proc/self/task/TID/stat.</summary>
internal static class ThreadCpu
{
    private const double TicksPerSecond = 100.0; // USER_HZ on Linux

    public static TimeSpan Of(int threadId)
    {
        var stat = File.ReadAllText($"/proc/self/task/{threadId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
