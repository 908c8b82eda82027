using System.Diagnostics;

namespace Engagement.LoadTests.Routing;

/// <summary>
/// Assignments per second over a window: <see cref="Mean"/> is every assignment in the window divided by its length;
/// <see cref="PerSecond"/> counts them in whole seconds from the window's start (the last second may be partial and is
/// left out of <see cref="Peak"/> and <see cref="Median"/> unless it is the only one). <see cref="MeanTo90"/> is the
/// first 90 % of the window's assignments divided by the time they took: the rate while a backlog lasted, without the
/// tail in which the last few sessions wait for agents of their skills to free up.
/// </summary>
internal sealed record AssignmentRate(double Mean, double MeanTo90, int Peak, double Median, int[] PerSecond, double WindowSeconds)
{
    /// <summary>Rates of the assignments at <paramref name="times"/> (Stopwatch ticks) in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public static AssignmentRate Of(IReadOnlyCollection<long> times, long from, long to)
    {
        var seconds = Math.Max(0, (double)(to - from) / Stopwatch.Frequency);
        var buckets = new int[Math.Max(1, (int)Math.Ceiling(seconds))];
        var inWindow = times.Where(t => t >= from && t <= to).Order().ToArray();
        foreach (var t in inWindow) buckets[Math.Min(buckets.Length - 1, (int)((t - from) / Stopwatch.Frequency))]++;
        var ninety = (int)Math.Ceiling(inWindow.Length * 0.9);
        var to90 = ninety == 0 ? 0 : (double)(inWindow[ninety - 1] - from) / Stopwatch.Frequency;
        var whole = buckets.Length > 1 && seconds < buckets.Length ? buckets[..^1] : buckets;
        var sorted = whole.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2.0;
        return new AssignmentRate(seconds > 0 ? inWindow.Length / seconds : 0, to90 > 0 ? ninety / to90 : 0, sorted[^1], median, buckets, seconds);
    }
}
