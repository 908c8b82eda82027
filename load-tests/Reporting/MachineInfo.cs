using System.Globalization;

namespace Engagement.LoadTests.Reporting;

/// <summary>
/// Where and when a run happened: cores, and the 1-minute load average before and after (other processes on
/// a shared machine skew results; the table says so).
/// </summary>
internal sealed record MachineInfo(DateTimeOffset StartedAt, int Cores, double LoadBefore, double LoadAfter)
{
    public static MachineInfo Begin() => new(DateTimeOffset.UtcNow, Environment.ProcessorCount, LoadAverage(), double.NaN);

    public MachineInfo End() => this with { LoadAfter = LoadAverage() };

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
