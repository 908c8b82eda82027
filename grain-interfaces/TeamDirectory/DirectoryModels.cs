namespace Engagement;

/// <summary>A representative as visitors see them in the directory: who, expertise and live presence.</summary>
/// <param name="Version">Sent by the agent: its own clock, so the team directory drops one that arrives after a newer one.
/// Entries the directory hands out carry its own version instead (one clock for everything a watcher sees).</param>
/// <param name="Role">Only <see cref="StaffRole.Agent"/> is listed to visitors; supervisors and admins who serve a
/// queue still count towards its agents online.</param>
[GenerateSerializer, Immutable, Alias("engagement.directory-entry")]
public sealed record DirectoryEntry(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string? Title,
    [property: Id(3)] string? PhotoUrl,
    [property: Id(4)] string[] Skills,
    [property: Id(5)] string[] Queues,
    [property: Id(6)] AgentPresence Presence,
    [property: Id(7)] long Version,
    [property: Id(8)] StaffRole Role = StaffRole.Agent);

/// <summary>Whether a queue can answer now: staff serving it who are online, and how many of them can take a chat.</summary>
/// <param name="AgentsOnline">Serving staff who are available or busy (at capacity).</param>
/// <param name="AgentsAvailable">Serving staff who are available (spare capacity, taking chats).</param>
/// <param name="Version">The directory's version when these figures last changed.</param>
/// <param name="Open">Within the queue's business hours now (always true for a queue without hours).</param>
/// <param name="OpensAt">When a closed queue opens next (null when open, or not within a month).</param>
[GenerateSerializer, Immutable, Alias("engagement.queue-availability")]
public sealed record QueueAvailability(
    [property: Id(0)] string QueueId,
    [property: Id(1)] string Name,
    [property: Id(2)] int AgentsOnline,
    [property: Id(3)] int AgentsAvailable,
    [property: Id(4)] long Version,
    [property: Id(5)] bool Open = true,
    [property: Id(6)] DateTimeOffset? OpensAt = null);

/// <summary>The directory as a visitor first sees it: the representatives and every queue's availability.</summary>
/// <param name="Version">The directory's version when the snapshot was taken.</param>
[GenerateSerializer, Immutable, Alias("engagement.directory-snapshot")]
public sealed record DirectorySnapshot(
    [property: Id(0)] DirectoryEntry[] Representatives,
    [property: Id(1)] QueueAvailability[] Queues,
    [property: Id(2)] long Version);

/// <summary>
/// One change to the directory, broadcast to its watchers: a representative's entry and the availability of
/// the queues the change touched.
/// </summary>
/// <param name="AgentId">The representative that changed; null when only queue figures changed (staff who are not listed).</param>
/// <param name="Entry">The representative's entry now; null when they are no longer listed (remove them).</param>
/// <param name="Version">The directory's version of this change; equals <see cref="Entry"/>'s version when present.</param>
[GenerateSerializer, Immutable, Alias("engagement.directory-change")]
public sealed record DirectoryChange(
    [property: Id(0)] string? AgentId,
    [property: Id(1)] DirectoryEntry? Entry,
    [property: Id(2)] QueueAvailability[] Queues,
    [property: Id(3)] long Version);
