namespace Engagement.LoadTests.Measurement;

/// <summary>
/// When each message of a simple open-loop run is due (context, site-visitors: one loop, one message at a time): the
/// warm-up at the starting rate, then either a constant rate for the window or a <see cref="RateSchedule"/>, which
/// then sets the window's length.
/// </summary>
internal sealed record OpenLoopPlan(double Rate, TimeSpan Warmup, TimeSpan Duration, RateSchedule? Schedule = null)
{
    private double WarmupRate => Schedule?.RateAt(0) ?? Rate;

    /// <summary>Messages sent before the window (not measured).</summary>
    public long WarmupCount => (long)(Warmup.TotalSeconds * WarmupRate);

    public long Total => WarmupCount + (Schedule?.Total ?? (long)(Duration.TotalSeconds * Rate));

    /// <summary>When message <paramref name="seq"/> (0, 1, ...) is due, from the start of the warm-up.</summary>
    public TimeSpan DueAt(long seq)
    {
        if (seq < WarmupCount) return TimeSpan.FromSeconds(seq / WarmupRate);
        var n = seq - WarmupCount;
        return Warmup + TimeSpan.FromSeconds(Schedule is { } s ? s.TimeOf(n) : n / Rate);
    }
}
