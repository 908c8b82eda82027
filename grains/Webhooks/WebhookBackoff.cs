namespace Engagement.Webhooks;

/// <summary>
/// The retry schedule: after failed attempt n (from 1), wait <see cref="WebhookOptions.RetryBaseDelay"/> ×
/// <see cref="WebhookOptions.RetryBackoffFactor"/>^(n−1), spread by ±<see cref="WebhookOptions.RetryJitter"/>, at most
/// <see cref="WebhookOptions.RetryMaxDelay"/>; a receiver's Retry-After makes it longer, never past that cap.
/// Computed here rather than by a Polly retry strategy because the wait is stored (next_attempt_at), so that
/// retries survive restarts and any silo may make the next attempt; Polly.Core keeps its own computation internal.
/// </summary>
public static class WebhookBackoff
{
    /// <param name="random">A uniform value in [0, 1) that places the jitter.</param>
    public static TimeSpan After(int attempt, WebhookOptions options, TimeSpan? retryAfter, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var max = options.RetryMaxDelay.TotalMilliseconds;
        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(options.RetryBackoffFactor, attempt - 1);
        var jittered = Math.Min(exponential, max) * (1 + options.RetryJitter * (2 * random - 1));
        var wait = Math.Max(jittered, retryAfter?.TotalMilliseconds ?? 0);
        return TimeSpan.FromMilliseconds(Math.Min(wait, max));
    }
}
