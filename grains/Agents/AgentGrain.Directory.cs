namespace Engagement.Agents;

/// <summary>
/// The agent's side of the boards: whenever its status is published (profile, presence or load changed), the
/// representatives directory and the dashboard hear it one-way. Board grains never call agents back awaited.
/// </summary>
internal sealed partial class AgentGrain
{
    private async Task PublishToBoardsAsync(AgentProfile profile)
    {
        var presence = Presence;
        var version = _versions.Next();
        await GrainFactory.Reference<IPresenceBoardGrain>(BoardKeys.Directory).AgentChanged(new DirectoryEntry(
            Id, profile.DisplayName, profile.Title, profile.PhotoUrl, profile.Skills, profile.Queues, presence, version, profile.Role));
        await GrainFactory.Reference<IStatsGrain>(BoardKeys.Stats).AgentChanged(
            new AgentLoad(Id, profile.DisplayName, presence, S.ActiveSessions.Count, profile.Capacity, version));
    }
}
