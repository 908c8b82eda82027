namespace Engagement.Common;

/// <summary>
/// Runs an action at most once per interval while changes keep coming. The first change after a quiet
/// spell runs it at once; changes within the interval after a run are coalesced into one run when the
/// interval ends; an interval without changes stops the timer. The timer comes from the owning grain
/// (<paramref name="startTimer"/> registers a grain timer), so runs happen on the grain's scheduler.
/// Not thread-safe: it lives inside a grain activation.
/// </summary>
internal sealed class Throttle(
    TimeSpan interval,
    Func<Task> run,
    Func<Func<CancellationToken, Task>, TimeSpan, IDisposable> startTimer)
{
    private IDisposable? _timer;
    private bool _pending;

    /// <summary>True while a change waits for the end of the current interval.</summary>
    public bool Pending => _pending;

    /// <summary>Something changed: runs now, or at the end of the current interval.</summary>
    public Task ChangedAsync()
    {
        if (_timer is not null)
        {
            _pending = true;
            return Task.CompletedTask;
        }
        _timer = startTimer(TickAsync, interval);
        return run();
    }

    /// <summary>Runs a pending change now (e.g. before deactivation) and stops the timer.</summary>
    public async Task FlushAsync()
    {
        Stop();
        if (!_pending) return;
        _pending = false;
        await run();
    }

    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (!_pending)
        {
            Stop();
            return;
        }
        _pending = false;
        await run();
    }

    /// <summary>A <c>startTimer</c> for <see cref="Throttle"/> that registers a periodic grain timer on <paramref name="grain"/>.</summary>
    public static Func<Func<CancellationToken, Task>, TimeSpan, IDisposable> GrainTimer(Grain grain, bool interleave = false) =>
        (callback, period) => grain.RegisterGrainTimer(callback, new GrainTimerCreationOptions(period, period) { Interleave = interleave });
}
