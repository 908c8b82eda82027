namespace Engagement.Realtime;

/// <summary>
/// Runs an agent's or a customer's liveness check (expire lapsed connections, end the grace period, publish
/// presence) only when it can find something: at <see cref="Listeners{TTag}.NextCheckAt"/>, and at once when a
/// silo holding some of the connections leaves the cluster (<see cref="SiloDepartures"/>). A timer every quarter
/// of the grace did the same by polling, and at 1,000 idle visitors it was the silo's largest cost
/// (docs/benchmarks.md, "Idle cost"). Lives inside the grain activation; call <see cref="Update"/> in the grain's
/// turn after its connections change, and <see cref="Dispose"/> when it deactivates.
/// </summary>
internal sealed class LivenessCheck<TTag>(Grain grain, Listeners<TTag> live, SiloDepartures departures, TimeProvider clock, Func<Task> check)
    : IDisposable
{
    // Timers may fire a little before the tick a lapse is measured in; a check that finds nothing would only re-arm.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(20);
    private readonly Dictionary<SiloAddress, IDisposable> _watched = [];
    private IGrainTimer? _timer;
    private DateTimeOffset? _armedFor;
    private bool _disposed;

    /// <summary>The connections changed: watch their silos, and arm the timer for the next moment a check can change anything.</summary>
    public void Update()
    {
        if (_disposed) return;
        Watch();
        if (live.NextCheckAt is not { } due)
        {
            _timer?.Dispose();
            (_timer, _armedFor) = (null, null);
            return;
        }
        if (_armedFor is { } armed && armed <= due) return; // the earlier check re-arms for this one
        Arm(due);
    }

    public void Dispose()
    {
        _disposed = true;
        _timer?.Dispose();
        _timer = null;
        foreach (var watch in _watched.Values) watch.Dispose();
        _watched.Clear();
    }

    private void Arm(DateTimeOffset due)
    {
        var wait = due + Slack - clock.GetUtcNow();
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        // KeepAlive: a grain with live connections or in its grace must not be collected; once neither, it may be.
        if (_timer is null) _timer = grain.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        else _timer.Change(wait, Timeout.InfiniteTimeSpan);
        _armedFor = due;
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        _armedFor = null;
        await check();
        Update();
    }

    private void Watch()
    {
        var silos = live.Silos.ToHashSet();
        foreach (var silo in _watched.Keys.Where(s => !silos.Contains(s)).ToList()) Unwatch(silo);
        foreach (var silo in silos)
        {
            if (_watched.ContainsKey(silo)) continue;
            // The departure is heard on a membership thread. On the grain's scheduler it only moves the timer to now, so
            // the check itself runs as a timer tick, never interleaved with a call the grain is in the middle of.
            var scheduler = TaskScheduler.Current;
            _watched[silo] = departures.Watch(silo, () => Task.Factory
                .StartNew(() => OnSiloLeft(silo), CancellationToken.None, TaskCreationOptions.None, scheduler).Ignore());
        }
    }

    private void OnSiloLeft(SiloAddress silo)
    {
        if (_disposed) return;
        Unwatch(silo); // watched again after the check if its connections are somehow still here
        Arm(clock.GetUtcNow() - Slack);
    }

    private void Unwatch(SiloAddress silo)
    {
        if (_watched.Remove(silo, out var watch)) watch.Dispose();
    }
}
