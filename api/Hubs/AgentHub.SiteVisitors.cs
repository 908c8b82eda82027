using Microsoft.AspNetCore.SignalR;

namespace Engagement.Api.Hubs;

/// <summary>"Visitors on site now": the live list agents watch and invite from.</summary>
public sealed partial class AgentHub
{
    /// <summary>
    /// Joins this connection to the site-visitors watch group, then returns the current list. Joining first means
    /// no change falls between the snapshot and the first batch; versions sort out any overlap.
    /// </summary>
    public async Task<SiteVisitor[]> WatchSiteVisitors()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, WatchGroups.SiteVisitors);
        return await Grains.GetSiteVisitors().GetVisitors();
    }

    public Task UnwatchSiteVisitors() => Groups.RemoveFromGroupAsync(Context.ConnectionId, WatchGroups.SiteVisitors);
}
