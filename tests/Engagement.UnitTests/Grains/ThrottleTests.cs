using Engagement.Common;

namespace Engagement.UnitTests.Grains;

public class ThrottleTests
{
    /// <summary>A timer the test ticks by hand.</summary>
    private sealed class ManualTimer : IDisposable
    {
        public Func<CancellationToken, Task>? Callback { get; set; }
        public bool Disposed { get; private set; }
        public Task Tick() => Callback!(CancellationToken.None);
        public void Dispose() => Disposed = true;
    }

    private readonly List<ManualTimer> _timers = [];
    private int _runs;

    private Throttle Create() => new(TimeSpan.FromMilliseconds(250), () => { _runs++; return Task.CompletedTask; }, (callback, _) =>
    {
        var timer = new ManualTimer { Callback = callback };
        _timers.Add(timer);
        return timer;
    });

    [Fact]
    public async Task The_first_change_runs_at_once()
    {
        await Create().ChangedAsync();
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task A_burst_within_the_interval_is_coalesced_into_one_more_run()
    {
        var throttle = Create();
        for (var i = 0; i < 50; i++) await throttle.ChangedAsync();
        Assert.Equal(1, _runs);
        Assert.True(throttle.Pending);

        await _timers.Single().Tick();
        Assert.Equal(2, _runs);
        Assert.False(throttle.Pending);
    }

    [Fact]
    public async Task A_quiet_interval_stops_the_timer_and_the_next_change_runs_at_once()
    {
        var throttle = Create();
        await throttle.ChangedAsync();
        await _timers[0].Tick(); // nothing changed meanwhile
        Assert.True(_timers[0].Disposed);
        Assert.Equal(1, _runs);

        await throttle.ChangedAsync();
        Assert.Equal(2, _runs);
        Assert.Equal(2, _timers.Count);
    }

    [Fact]
    public async Task Flush_runs_a_pending_change_and_stops()
    {
        var throttle = Create();
        await throttle.ChangedAsync();
        await throttle.ChangedAsync();
        await throttle.FlushAsync();
        Assert.Equal(2, _runs);
        Assert.True(_timers[0].Disposed);
        await throttle.FlushAsync();
        Assert.Equal(2, _runs);
    }
}
