namespace Engagement.Context;

/// <summary>
/// Timings of the live context, visitors on site and invitations. Bound from "Engagement:Context";
/// the defaults suit production, tests shorten some.
/// </summary>
public sealed class ContextOptions : ISettings<ContextOptions>
{
    public const string Section = "Engagement:Context";

    /// <summary>
    /// How often each stream pulling agent polls its queue in PostgreSQL. Orleans' default (100 ms) alone would
    /// use up the 100 ms budget from a posted signal to the agent's screen; polling <see cref="StreamQueues"/>
    /// queues every 20 ms costs 100 small prepared reads a second per cluster.
    /// </summary>
    public TimeSpan StreamPollInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// How many queues (rows of orleans.stream_message partitioned by queue id) the context streams are spread
    /// over. Each queue has one pulling agent in the cluster, so this is how far delivery spreads across silos
    /// and how many polls per <see cref="StreamPollInterval"/> PostgreSQL serves (an empty poll is one read). Two
    /// suit a cluster of two or three silos on small machines (each poll costs PostgreSQL CPU); raise it with the
    /// number of silos so every silo delivers a share.
    /// </summary>
    public int StreamQueues { get; set; } = 2;

    /// <summary>
    /// How long a message taken by a silo stays invisible to others before it is delivered again unless
    /// confirmed (whole seconds; the provider rounds up). It bounds how long signals a dead silo had taken wait:
    /// chosen near the time the cluster needs to declare a killed silo dead, so they are back when its queues move.
    /// </summary>
    public TimeSpan StreamVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a message may be taken before it goes to dead letters. High, because a delivered message whose
    /// confirmation lags (a slow consumer holds the agent's cache) is taken again too; delivery is idempotent.
    /// </summary>
    public int StreamMaxAttempts { get; set; } = 10;

    /// <summary>
    /// Whether publishing, taking and confirming a context stream message wait for PostgreSQL to flush its WAL to
    /// disk. Off (the default): a committed row is at once visible to every silo, so the loss of any silo loses
    /// nothing, but a crash of the database server itself can lose the last fraction of a second of accepted
    /// signals (PostgreSQL's wal_writer_delay, 200 ms, times three at most); on a busy disk a flush can take
    /// hundreds of milliseconds, which the signal would otherwise wait for twice. Grain state, membership and the
    /// transcript always commit synchronously. Read once at start (not a live option).
    /// </summary>
    public bool StreamSynchronousCommit { get; set; }

    /// <summary>A message not delivered within this long goes to dead letters: live context this old is not live.</summary>
    public TimeSpan StreamExpiry { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long dead letters are kept (orleans.stream_dead_letter) for inspection before they are deleted.</summary>
    public TimeSpan StreamDeadLetterRetention { get; set; } = TimeSpan.FromDays(7);

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

    static string ISettings<ContextOptions>.Section => Section;

    public void Check(SettingsCheck check) => check
        .Positive(nameof(StreamPollInterval), StreamPollInterval)
        .InRange(nameof(StreamQueues), StreamQueues, 1, 1024)
        .Positive(nameof(StreamVisibilityTimeout), StreamVisibilityTimeout)
        .InRange(nameof(StreamMaxAttempts), StreamMaxAttempts, 1, 1000)
        .Positive(nameof(StreamExpiry), StreamExpiry)
        .Positive(nameof(StreamDeadLetterRetention), StreamDeadLetterRetention)
        .NotNegative(nameof(ContextFlushDelay), ContextFlushDelay)
        .Positive(nameof(InvitationLifetime), InvitationLifetime)
        .Positive(nameof(RulesRefresh), RulesRefresh)
        .Positive(nameof(SiteVisitorsFlush), SiteVisitorsFlush)
        .Positive(nameof(SiteVisitorRefresh), SiteVisitorRefresh)
        .That(SiteVisitorExpiry > SiteVisitorRefresh, nameof(SiteVisitorExpiry), $"must be longer than SiteVisitorRefresh ({SiteVisitorRefresh}) (it is {SiteVisitorExpiry}).");
}
