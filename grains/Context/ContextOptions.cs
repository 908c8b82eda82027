namespace Engagement.Context;

/// <summary>
/// Timings of the live context, visitors on site and invitations. Bound from "Engagement:Context";
/// the defaults suit production, tests shorten some.
/// </summary>
public sealed class ContextOptions
{
    public const string Section = "Engagement:Context";

    /// <summary>
    /// How often each stream pulling agent polls its memory queue. Orleans' default (100 ms) alone would use up
    /// the 100 ms budget from a posted signal to the agent's screen; polling 8 queues every 20 ms costs ~400
    /// small grain calls a second per cluster.
    /// </summary>
    public TimeSpan StreamPollInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Page views, events and device readings are written at most this long after they arrive (coalesced).</summary>
    public TimeSpan ContextFlushDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a visitor can accept an invitation.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How stale the per-silo copy of the proactive rules may get.</summary>
    public TimeSpan RulesRefresh { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The visitors-on-site board sends changes as one batch per this interval.</summary>
    public TimeSpan SiteVisitorsFlush { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>A visitor on the site re-announces itself this often, so a board that lost its memory fills up again.</summary>
    public TimeSpan SiteVisitorRefresh { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The board forgets a visitor it has not heard from for this long (its grain died with a silo).</summary>
    public TimeSpan SiteVisitorExpiry { get; set; } = TimeSpan.FromMinutes(3);
}
