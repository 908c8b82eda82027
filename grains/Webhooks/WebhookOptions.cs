namespace Engagement.Webhooks;

/// <summary>
/// Every limit and default of the outgoing webhooks, bound from "Engagement:Webhooks" (docs/webhooks.md lists
/// them). The defaults suit production; tests shorten the delays and allow loopback receivers.
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Engagement:Webhooks";

    /// <summary>
    /// Whether targets on loopback, private, link-local, unique-local, CGNAT, multicast or unspecified addresses
    /// are allowed. Off in production (SSRF: a subscription must not reach the servers behind the node); tests
    /// turn it on for their receiver on 127.0.0.1.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Attempts per delivery before it is dead (the dead-letter list); the first attempt counts.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; each later one waits <see cref="RetryBackoffFactor"/> times longer.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Growth of the wait from one retry to the next (30 s, 2 min, 8 min, 32 min, 2.1 h, 8.5 h, 12 h: about a day in all).</summary>
    public double RetryBackoffFactor { get; set; } = 4;

    /// <summary>The longest wait between two attempts, also for a receiver's Retry-After.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Each wait is spread at random by up to this fraction either way, so retries of a burst do not arrive together.</summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>One attempt's limit, from connecting to the answer's headers and excerpt; past it the attempt failed ("timeout").</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a claimed delivery stays with the silo that claimed it. A silo that dies with claims out leaves them
    /// due again after this; it must exceed <see cref="RequestTimeout"/> by the time a result takes to be recorded.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts out at once on one silo (the HTTP requests in flight).</summary>
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>
    /// Attempts out at once on one silo for one subscription, so a slow receiver cannot take every slot from the
    /// others. A subscription at its limit is left out of the next claim.
    /// </summary>
    public int MaxConcurrencyPerSubscription { get; set; } = 16;

    /// <summary>Most deliveries one claim takes (one statement).</summary>
    public int ClaimBatchSize { get; set; } = 100;

    /// <summary>How often an idle dispatcher looks for due deliveries (publishing on the same silo wakes it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After a claim that found less than it could take, or a statement recording results, how long the dispatcher
    /// lets work gather before the next: under load, a few large statements instead of one per event (PostgreSQL's
    /// time is the chat's too). It delays a delivery by at most this much.
    /// </summary>
    public TimeSpan GatherDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How often each silo re-reads the subscriptions although no change was notified (PostgreSQL LISTEN/NOTIFY
    /// tells of changes at once; this covers a lost listening connection).
    /// </summary>
    public TimeSpan SubscriptionRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bytes of the receiver's answer kept with each attempt (the rest is never read).</summary>
    public int ResponseExcerptLength { get; set; } = 1024;

    /// <summary>How long the previous secret still signs after a rotation (a second signature in the header).</summary>
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Subscriptions in all; creating one more fails with <c>conflict</c>.</summary>
    public int MaxSubscriptions { get; set; } = 100;

    /// <summary>Delivered deliveries are deleted this long after delivery.</summary>
    public TimeSpan DeliveredRetention { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Dead deliveries (the dead-letter list) are deleted this long after their last attempt.</summary>
    public TimeSpan DeadRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often each silo deletes finished deliveries past their retention, and declares dead those whose last claim lapsed.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest event id a publisher may give.</summary>
    public const int MaxEventIdLength = 200;

    /// <summary>The reasons these options cannot work together, empty when they can.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxAttempts < 1) yield return "MaxAttempts must be at least 1.";
        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay) yield return "RetryBaseDelay must be positive and at most RetryMaxDelay.";
        if (RetryBackoffFactor < 1) yield return "RetryBackoffFactor must be at least 1.";
        if (RetryJitter is < 0 or >= 1) yield return "RetryJitter must be from 0 up to (not including) 1.";
        if (RequestTimeout <= TimeSpan.Zero) yield return "RequestTimeout must be positive.";
        if (ClaimLease <= RequestTimeout) yield return "ClaimLease must be longer than RequestTimeout.";
        if (MaxConcurrency < 1 || MaxConcurrencyPerSubscription < 1) yield return "MaxConcurrency and MaxConcurrencyPerSubscription must be at least 1.";
        if (ClaimBatchSize < 1) yield return "ClaimBatchSize must be at least 1.";
        if (PollInterval <= TimeSpan.Zero || SubscriptionRefresh <= TimeSpan.Zero || MaintenanceInterval <= TimeSpan.Zero)
            yield return "PollInterval, SubscriptionRefresh and MaintenanceInterval must be positive.";
        if (GatherDelay < TimeSpan.Zero || GatherDelay >= PollInterval) yield return "GatherDelay must be 0 or more and shorter than PollInterval.";
        if (ResponseExcerptLength < 0) yield return "ResponseExcerptLength must be 0 or more.";
        if (MaxSubscriptions < 1) yield return "MaxSubscriptions must be at least 1.";
    }
}
