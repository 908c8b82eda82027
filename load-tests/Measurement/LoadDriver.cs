using System.Diagnostics;
using Engagement.LoadTests.Progress;

namespace Engagement.LoadTests.Measurement;

/// <summary>
/// Drives senders for warm-up + window, then drains. With a rate, an open-loop pacer on its own thread
/// sends on schedule (round-robin over the senders) whether or not earlier messages were acknowledged, so
/// a slow server shows up as latency, not as a lower send rate. With rate 0, each sender keeps a fixed
/// window of messages in flight and sends the next one as each acknowledgement returns (max throughput).
/// </summary>
/// <remarks>With a <see cref="RateSchedule"/> the pacer follows it instead of a constant rate.</remarks>
internal sealed class LoadDriver(IReadOnlyList<ILoadSender> senders, LoadProfile profile, LoadMetrics metrics, string progressName = "load")
{
    private readonly SenderSlot[] _slots = senders.Select(s => new SenderSlot(s)).ToArray();

    /// <summary>Starts the clock (warm-up begins now), sends until the window closes, then drains.</summary>
    /// <returns>Whether everything sent was acknowledged and every acknowledged message delivered within the drain time.</returns>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        metrics.Clock.Begin();
        metrics.Timeline.Begin(metrics.Clock.Start);
        var cpu = SampleWindowCpuAsync(cancellationToken);
        using var runEnd = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = new LiveProgress(progressName, metrics, _slots.Length, profile.ServerPids, profile.Progress).RunAsync(runEnd.Token);
        if (profile.Rate > 0)
        {
            await RunPacerAsync(cancellationToken);
        }
        else
        {
            await Task.WhenAll(_slots.SelectMany(slot =>
                Enumerable.Range(0, profile.Window).Select(_ => Task.Run(() => ClosedLoopAsync(slot, cancellationToken)))));
        }

        await cpu;
        var drained = await DrainAsync(cancellationToken);
        await runEnd.CancelAsync();
        await progress;
        if (profile.TimelineFile is { } path) await metrics.Timeline.WriteCsvAsync(path, metrics.Clock);
        return drained;
    }

    private async Task SampleWindowCpuAsync(CancellationToken cancellationToken)
    {
        await DelayUntil(metrics.Clock.MeasureStart, cancellationToken);
        var start = CpuSnapshot.Take(profile.ServerPids);
        await DelayUntil(metrics.Clock.MeasureEnd, cancellationToken);
        metrics.WindowCpu = CpuSnapshot.Between(start, CpuSnapshot.Take(profile.ServerPids));
    }

    private static Task DelayUntil(long ticks, CancellationToken cancellationToken)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), ticks);
        return wait > TimeSpan.Zero ? Task.Delay(wait, cancellationToken) : Task.CompletedTask;
    }

    private Task RunPacerAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { Pace(cancellationToken); done.SetResult(); }
            catch (Exception ex) { done.SetException(ex); }
        }) { IsBackground = true, Name = "open-loop pacer", Priority = ThreadPriority.AboveNormal };
        thread.Start();
        return done.Task;
    }

    private void Pace(CancellationToken cancellationToken)
    {
        var clock = metrics.Clock;
        var ticksPerMessage = Stopwatch.Frequency / profile.Rate;
        var schedule = profile.Schedule?.AfterWarmup(profile.Warmup);
        long next = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= clock.MeasureEnd) return;
            var due = schedule is null
                ? (long)((now - clock.Start) / ticksPerMessage)
                : (long)schedule.CountBy((now - clock.Start) / (double)Stopwatch.Frequency);
            for (; next <= due; next++)
            {
                var intended = clock.Start + (schedule is null ? (long)(next * ticksPerMessage) : (long)(schedule.TimeOf(next) * Stopwatch.Frequency));
                if (intended >= clock.MeasureEnd) return;
                var stamp = Stopwatch.GetTimestamp();
                if (clock.InWindow(stamp)) metrics.PacerLag.Record(stamp - intended);
                metrics.Timeline.OnPacerLag(stamp, stamp - intended);
                Fire(_slots[next % _slots.Length], stamp);
            }

            Thread.Sleep(1);
        }
    }

    private void Fire(SenderSlot slot, long stamp)
    {
        if (!slot.TryEnter(profile.MaxInFlight))
        {
            metrics.OnShed();
            return;
        }

        metrics.OnSent(stamp);
        // The client's send path (serialisation, pipe flush) costs tens of µs: run it on the thread pool so
        // the pacer keeps its schedule. The time spent queued there counts in the latency (it is stamped).
        ThreadPool.UnsafeQueueUserWorkItem(state => _ = TrackAsync(state.Slot, state.Stamp), (Slot: slot, Stamp: stamp), preferLocal: false);
    }

    private async Task TrackAsync(SenderSlot slot, long stamp)
    {
        try
        {
            await slot.StartInOrder(stamp, profile.MessageSize).ConfigureAwait(false);
            metrics.OnAcked(stamp);
        }
        catch (Exception ex)
        {
            metrics.OnError(ex);
        }
        finally
        {
            slot.Exit();
        }
    }

    private async Task ClosedLoopAsync(SenderSlot slot, CancellationToken cancellationToken)
    {
        while (!metrics.Clock.Finished && !cancellationToken.IsCancellationRequested)
        {
            var stamp = Stopwatch.GetTimestamp();
            slot.TryEnter(int.MaxValue);
            metrics.OnSent(stamp);
            try
            {
                await slot.StartInOrder(stamp, profile.MessageSize).ConfigureAwait(false);
                metrics.OnAcked(stamp);
            }
            catch (Exception ex)
            {
                metrics.OnError(ex);
                await Task.Delay(100, cancellationToken).ConfigureAwait(false); // do not spin on a failing connection
            }
            finally
            {
                slot.Exit();
            }
        }
    }

    /// <summary>Waits until every send is acknowledged and every acknowledged message delivered, or the drain time is up.</summary>
    private async Task<bool> DrainAsync(CancellationToken cancellationToken)
    {
        var until = Stopwatch.GetTimestamp() + (long)(profile.Drain.TotalSeconds * Stopwatch.Frequency);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_slots.All(s => s.InFlight == 0) && metrics.Received >= metrics.Acked) return true;
            if (Stopwatch.GetTimestamp() >= until) return false;
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }
}
