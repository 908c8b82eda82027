using Microsoft.AspNetCore.SignalR;

namespace Engagement.Api.Hubs;

/// <summary>The supervisor dashboard, pushed live (supervisors and admins only).</summary>
public sealed partial class AgentHub
{
    /// <summary>Starts live "dashboard" events on this connection and returns the dashboard as it is now.</summary>
    public async Task<DashboardSnapshot> WatchDashboard()
    {
        if (!CurrentCaller.IsPrivileged) throw EngagementException.Forbidden("The dashboard is for supervisors and admins.");
        await Groups.AddToGroupAsync(Context.ConnectionId, WatchGroups.Dashboard);
        return await Grains.GetDashboard().GetDashboard();
    }

    public Task UnwatchDashboard() => Groups.RemoveFromGroupAsync(Context.ConnectionId, WatchGroups.Dashboard);
}
