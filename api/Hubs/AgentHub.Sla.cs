using Microsoft.AspNetCore.SignalR;

namespace Engagement.Api.Hubs;

/// <summary>The supervisors' live SLA board (docs/protocol.md, SLA policy): clocks at risk or in breach, breaches per queue today.</summary>
public sealed partial class AgentHub
{
    /// <summary>
    /// Starts live <c>slaBoard</c> events on this connection and returns the board as it is now. The board goes to the
    /// dashboard's watchers, so a connection watching the dashboard gets it too.
    /// </summary>
    public async Task<SlaBoard> WatchSla()
    {
        if (!CurrentCaller.IsPrivileged) throw EngagementException.Forbidden("The SLA board is for supervisors and admins.");
        await Groups.AddToGroupAsync(Context.ConnectionId, WatchGroups.Dashboard);
        return await Grains.GetSlaBoard().GetBoard();
    }
}
