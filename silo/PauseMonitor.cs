using System.Diagnostics;

namespace Engagement.Silo;

/// <summary>
/// Logs every moment this process stopped for longer than <c>Engagement:Diagnostics:PauseLogThresholdMs</c> (default
/// 50 ms; 0 turns it off): a GC that paused every managed thread (as the runtime measured it), or a stall of the whole
/// process (a thread that sleeps 10 ms at a time woke much later, and no GC explains it: the process was not scheduled,
/// or was frozen). Cheap: one wake-up every 10 ms. These lines are what a latency spike on the chat path is matched
/// against (docs/benchmarks.md, "The stall on the durable chat path").
/// </summary>
internal sealed partial class PauseMonitor(ILogger<PauseMonitor> logger, IConfiguration configuration) : IHostedService
{
    private const int TickMs = 10;
    private double _thresholdMs;
    private volatile bool _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _thresholdMs = configuration.GetValue("Engagement:Diagnostics:PauseLogThresholdMs", 50.0);
        if (_thresholdMs > 0) new Thread(Watch) { IsBackground = true, Name = "pause monitor" }.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        return Task.CompletedTask;
    }

    private void Watch()
    {
        var lastGc = GC.GetGCMemoryInfo(GCKind.Any).Index;
        var lastCount = GC.CollectionCount(0);
        var last = Stopwatch.GetTimestamp();
        while (!_stopping)
        {
            Thread.Sleep(TickMs);
            var now = Stopwatch.GetTimestamp();
            var lateMs = Stopwatch.GetElapsedTime(last, now).TotalMilliseconds - TickMs;
            last = now;
            // Every GC counts as a gen0 one: read the GC's figures only when there was one.
            var gcPauseMs = GC.CollectionCount(0) == lastCount ? 0 : LastGcPauseMs(ref lastGc, out lastCount);
            // A GC stops this thread too; only what the GC does not explain is the process not running.
            if (lateMs - gcPauseMs >= _thresholdMs) LogNotScheduled(lateMs - gcPauseMs, lateMs + TickMs);
        }
    }

    /// <summary>The pause of the latest GC (logged when long); 0 when it was already seen.</summary>
    private double LastGcPauseMs(ref long lastGc, out int count)
    {
        count = GC.CollectionCount(0);
        var gc = GC.GetGCMemoryInfo(GCKind.Any);
        if (gc.Index == lastGc) return 0;
        var pauseMs = 0.0;
        foreach (var pause in gc.PauseDurations) pauseMs += pause.TotalMilliseconds;
        if (pauseMs >= _thresholdMs) LogGcPause(gc.Generation, pauseMs, gc.PromotedBytes / 1024, gc.Index - lastGc - 1);
        lastGc = gc.Index;
        return pauseMs;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pause: GC gen{Generation} stopped every thread for {PauseMs:F1} ms ({PromotedKiB} KiB promoted; {Missed} other GCs since the last look)")]
    private partial void LogGcPause(int generation, double pauseMs, long promotedKiB, long missed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pause: the process did not run for {LateMs:F1} ms (a 10 ms sleep took {SleptMs:F1} ms)")]
    private partial void LogNotScheduled(double lateMs, double sleptMs);
}
