namespace Engagement;

/// <summary>
/// Read model of the shared inbox's counts, one per cluster (key <see cref="GrainKeys.Inbox"/>): conversations tell it
/// they changed, and it recounts from the conversation index at most a few times a second and broadcasts the counts
/// to the workspaces watching the inbox.
/// </summary>
[Alias("engagement.IInboxGrain")]
public interface IInboxGrain : IGrainWithStringKey
{
    /// <summary>A conversation changed: recount soon.</summary>
    [OneWay, Alias("changed")]
    Task Changed();

    /// <summary>The latest counts (counted now if none are known yet).</summary>
    [Alias("counts")]
    Task<InboxCounts> Counts();
}
