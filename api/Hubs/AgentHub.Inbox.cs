namespace Engagement.Api.Hubs;

/// <summary>
/// The shared inbox, pushed live: <c>conversation</c> and <c>conversationMessage</c> events for the conversations
/// of the queues the caller serves (supervisors and admins: all), and <c>inboxCounts</c>. Lists and actions are REST
/// (/api/conversations).
/// </summary>
public sealed partial class AgentHub
{
    /// <summary>Starts the inbox's live events on this connection and returns the counts as they are now.</summary>
    public async Task<InboxCounts> WatchInbox()
    {
        foreach (var group in await InboxGroupsAsync()) await Groups.AddToGroupAsync(Context.ConnectionId, group);
        await Groups.AddToGroupAsync(Context.ConnectionId, WatchGroups.InboxCounts);
        return await Grains.GetInbox().Counts();
    }

    public async Task UnwatchInbox()
    {
        foreach (var group in await InboxGroupsAsync()) await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, WatchGroups.InboxCounts);
    }

    private async Task<string[]> InboxGroupsAsync()
    {
        if (CurrentCaller.IsPrivileged) return [WatchGroups.InboxAll];
        var profile = await Grains.GetAgent(CurrentCaller.Id).GetProfile();
        return [.. (profile?.Queues ?? []).Select(WatchGroups.InboxQueue)];
    }
}
