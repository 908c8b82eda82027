namespace Engagement;

/// <summary>
/// The team directory: the representatives with live presence and every queue's availability, for visitors
/// choosing whom to talk to (WatchDirectory, GET /api/directory). Key: <see cref="GrainKeys.TeamDirectory"/>.
/// </summary>
/// <remarks>
/// Renamed from <c>IPresenceBoardGrain</c> in C# only: the [Alias] values name the interface on the wire and in persisted grain
/// references, so they stay as they were.
/// </remarks>
[Alias("engagement.IPresenceBoardGrain")]
public interface ITeamDirectoryGrain : IGrainWithStringKey
{
    [OneWay, Alias("agent-changed")]
    Task AgentChanged(DirectoryEntry entry);

    [OneWay, Alias("agent-removed")]
    Task AgentRemoved(string agentId);

    /// <summary>A queue was created or renamed (sent by the queue), so visitors can pick it at once.</summary>
    [OneWay, Alias("queue-defined")]
    Task QueueDefined(QueueDefinition definition);

    [Alias("get-directory"), ReadOnly]
    Task<DirectoryEntry[]> GetDirectory();

    /// <summary>The listed representatives and every queue's availability, as a watcher starts from.</summary>
    [Alias("get-snapshot"), ReadOnly]
    Task<DirectorySnapshot> GetSnapshot();
}
