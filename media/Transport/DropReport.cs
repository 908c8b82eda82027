using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Engagement.Media.Transport;

/// <summary>
/// Logs how many datagrams were dropped, and why, since the last report (the engine's report timer calls it
/// every second). Per packet there is only a counter increment: drops are mostly what strangers and departed
/// peers send us, so they are logged at Debug, summed, never one line per packet.
/// </summary>
internal sealed class DropReport(PacketCounters counters, ILogger logger)
{
    private readonly long[] _last = new long[DropReasons.All.Length];
    private long _lastAt = Stopwatch.GetTimestamp();

    public void Report()
    {
        var now = Stopwatch.GetTimestamp();
        var seconds = Math.Round(Stopwatch.GetElapsedTime(_lastAt, now).TotalSeconds, 1);
        _lastAt = now;
        long total = 0;
        List<string>? reasons = null;
        foreach (var reason in DropReasons.All)
        {
            var count = counters.Dropped(reason);
            var delta = count - _last[(int)reason];
            _last[(int)reason] = count;
            if (delta <= 0) continue;
            total += delta;
            (reasons ??= []).Add($"{delta} {reason.Tag()}");
        }
        if (total > 0 && logger.IsEnabled(LogLevel.Debug)) TransportLog.PacketsDropped(logger, total, seconds, string.Join(", ", reasons!));
    }
}
