using System.Globalization;

namespace Engagement.LoadTests.Reporting;

/// <summary>
/// Where and when a run happened: cores, and the 1-minute load average before and after (other processes on
/// a shared machine skew results; the table says so).
/// </summary>
internal sealed record MachineInfo(DateTimeOffset StartedAt, int Cores, double LoadBefore, double LoadAfter, int Nice)
{
    public static MachineInfo Begin() => new(DateTimeOffset.UtcNow, Environment.ProcessorCount, LoadAverage(), double.NaN, OwnNice());

    public MachineInfo End() => this with { LoadAfter = LoadAverage() };

    /// <summary>This process's nice value (field 19 of /proc/self/stat; 0 where unknown): the run's scheduling priority.</summary>
    private static int OwnNice()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
    }

    /// <summary>The 1-minute load average from /proc/loadavg (NaN where there is none).</summary>
    private static double LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (IOException) { return double.NaN; }
        catch (UnauthorizedAccessException) { return double.NaN; }
    }
}
