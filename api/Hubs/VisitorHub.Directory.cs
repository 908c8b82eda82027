using Microsoft.AspNetCore.SignalR;

namespace Engagement.Api.Hubs;

/// <summary>The representatives directory with live presence, for visitors choosing whom to talk to.</summary>
public sealed partial class VisitorHub
{
    /// <summary>
    /// Starts live "directoryPresence" events on this connection and returns the directory as it is now.
    /// The group is joined first, so no change falls between the snapshot and the events (versions sort out overlap).
    /// </summary>
    public async Task<DirectorySnapshot> WatchDirectory()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, WatchGroups.Directory);
        return await Grains.GetTeamDirectory().GetSnapshot();
    }

    public Task UnwatchDirectory() => Groups.RemoveFromGroupAsync(Context.ConnectionId, WatchGroups.Directory);
}
