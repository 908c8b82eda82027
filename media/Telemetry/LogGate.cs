using System.Diagnostics;

namespace Engagement.Media.Telemetry;

/// <summary>
/// Lets one log line through per interval and counts the ones held back. On the packet path a fault can repeat
/// thousands of times a second (a bug hit by every packet, a peer flooding garbage): the counter records each
/// one, the log gets one line with how many it skipped.
/// </summary>
internal sealed class LogGate(TimeSpan interval)
{
    private readonly long _intervalTicks = (long)(interval.TotalSeconds * Stopwatch.Frequency);
    private long _next;
    private long _held;

    /// <summary>True if this occurrence may be logged; <paramref name="held"/> is how many were held back since the last one that was.</summary>
    public bool TryPass(out long held)
    {
        var now = Stopwatch.GetTimestamp();
        var next = Volatile.Read(ref _next);
        if (now < next || Interlocked.CompareExchange(ref _next, now + _intervalTicks, next) != next)
        {
            Interlocked.Increment(ref _held);
            held = 0;
            return false;
        }
        held = Interlocked.Exchange(ref _held, 0);
        return true;
    }
}
