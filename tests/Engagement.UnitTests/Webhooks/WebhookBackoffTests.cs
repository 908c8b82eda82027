using Engagement.Webhooks;

namespace Engagement.UnitTests.Webhooks;

/// <summary>The retry schedule: exponential from the base, capped, spread by the jitter, lengthened by Retry-After.</summary>
public sealed class WebhookBackoffTests
{
    private static readonly WebhookOptions Defaults = new();

    [Fact]
    public void The_default_schedule_spreads_eight_attempts_over_about_a_day()
    {
        // random 0.5 places no jitter.
        var waits = Enumerable.Range(1, Defaults.MaxAttempts - 1).Select(n => WebhookBackoff.After(n, Defaults, null, 0.5)).ToList();

        Assert.Equal(
            [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(32), TimeSpan.FromMinutes(128), TimeSpan.FromMinutes(512), TimeSpan.FromHours(12)],
            waits);
        var total = waits.Aggregate(TimeSpan.Zero, (a, b) => a + b);
        Assert.InRange(total.TotalHours, 20, 28);
    }

    [Theory]
    [InlineData(0.0, 0.8)]
    [InlineData(0.999999, 1.2)]
    public void The_jitter_spreads_each_wait_by_its_fraction_either_way(double random, double factor) =>
        Assert.Equal(TimeSpan.FromMinutes(2).TotalMilliseconds * factor, WebhookBackoff.After(2, Defaults, null, random).TotalMilliseconds, 1);

    [Fact]
    public void No_wait_exceeds_the_cap_even_with_jitter_or_a_long_retry_after()
    {
        Assert.Equal(Defaults.RetryMaxDelay, WebhookBackoff.After(20, Defaults, null, 0.999));
        Assert.Equal(Defaults.RetryMaxDelay, WebhookBackoff.After(1, Defaults, TimeSpan.FromDays(3), 0.5));
    }

    [Fact]
    public void A_retry_after_longer_than_the_backoff_is_respected() =>
        Assert.Equal(TimeSpan.FromMinutes(5), WebhookBackoff.After(1, Defaults, TimeSpan.FromMinutes(5), 0.5));
}
