namespace Engagement.Agents;

/// <summary>
/// The agent's side of the read models: whenever its status is published (profile, presence or load changed), the
/// team directory and the dashboard hear it one-way. Neither calls agents back awaited.
/// </summary>
internal sealed partial class AgentGrain
{
    private async Task PublishToReadModelsAsync(AgentProfile profile)
    {
        var presence = Presence;
        var version = _versions.Next();
        await GrainFactory.GetTeamDirectory().AgentChanged(new DirectoryEntry(
            Id, profile.DisplayName, profile.Title, profile.PhotoUrl, profile.Skills, profile.Queues, presence, version, profile.Role));
        await GrainFactory.GetDashboard().AgentChanged(
            new AgentLoad(Id, profile.DisplayName, presence, S.ActiveSessions.Count, profile.Capacity, version, S.AwayReason, S.ChosenSince, [.. S.ActiveSessions]));
    }
}
