using System.Diagnostics;

namespace Engagement.LoadTests.Measurement;

/// <summary>
/// The phases of a run on the <see cref="Stopwatch"/> clock: warm-up from <see cref="Start"/> (set by
/// <see cref="Begin"/>, once connections are set up), then the measured window
/// [<see cref="MeasureStart"/>, <see cref="MeasureEnd"/>). Only messages sent inside the window are
/// counted, wherever their delivery falls. Before <see cref="Begin"/> nothing is in the window.
/// </summary>
internal sealed class RunClock(TimeSpan warmup, TimeSpan duration)
{
    private long _start = long.MaxValue / 4;

    public long Start => Volatile.Read(ref _start);

    public long MeasureStart => Start + Ticks(warmup);

    public long MeasureEnd => MeasureStart + Ticks(duration);

    public TimeSpan Duration => duration;

    public void Begin() => Volatile.Write(ref _start, Stopwatch.GetTimestamp());

    public bool InWindow(long ticks) => ticks >= MeasureStart && ticks < MeasureEnd;

    public bool Finished => Stopwatch.GetTimestamp() >= MeasureEnd;

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
