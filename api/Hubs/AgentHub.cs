using Engagement.Api.Auth;
using Engagement.Api.Realtime;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Engagement.Api.Hubs;

/// <summary>
/// The agent workspace's hub (/hubs/agent; agents, supervisors and admins). Connecting makes the agent
/// present and sends the current status, pending offers included, as an "agentStatus" event.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed partial class AgentHub(IGrainFactory grains, ClientConnections connections, IAttachments attachments, ILogger<AgentHub> logger)
    : EngagementHub(grains, connections, attachments, logger)
{
    protected override HubKind Kind => HubKind.Agent;

    private IAgentGrain Agent => Grains.GetAgent(CurrentCaller.Id);

    /// <summary>Query value that opens a watch-only connection: <c>/hubs/agent?presence=off</c> (the supervisor dashboard).</summary>
    public const string WatchOnlyQuery = "presence";

    public override async Task OnConnectedAsync()
    {
        var state = Begin();
        if (string.Equals(Context.GetHttpContext()?.Request.Query[WatchOnlyQuery], "off", StringComparison.OrdinalIgnoreCase))
        {
            // Watching the dashboard is not being at work: no presence, no offers, no heartbeats.
            state.WatchOnly = true;
            await Clients.Caller.SendEventAsync(ClientEvent.AgentStatus(await Grains.GetAgent(state.Caller.Id).GetStatus()));
            Track(state, owner: null); // sessions it watches are still leased and kept in order
            return;
        }

        var status = await Grains.GetAgent(state.Caller.Id).Connect(state.Connection);
        await Clients.Caller.SendEventAsync(ClientEvent.AgentStatus(status));
        Track(state, new ListenerKey(ListenerKind.Agent, state.Caller.Id));
    }

    /// <summary>Available (take offers) or away.</summary>
    public Task<AgentStatus> SetStatus(AgentChosenStatus status)
    {
        if (!Enum.IsDefined(status))
        {
            throw new InputException(nameof(status), "status must be 'available' or 'away'.");
        }

        return Agent.SetChosenStatus(status);
    }

    /// <summary>Away, with the reason the supervisor dashboard shows (lunch, training, a meeting).</summary>
    public Task<AgentStatus> SetAway(string reason) =>
        Agent.SetChosenStatus(AgentChosenStatus.Away, InputRules.RequiredText(reason, Limits.Name, nameof(reason)));

    public Task<AgentStatus> GetStatus() => Agent.GetStatus();

    /// <summary>
    /// Accepts an offer and joins this connection to the session. The reply is the same as
    /// <see cref="EngagementHub.JoinSession"/>'s with afterSeq 0: the session and its transcript so far.
    /// </summary>
    public async Task<JoinResult> AcceptOffer(string sessionId)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        await Agent.Accept(sessionId);
        return await JoinAsync(sessionId, afterSeq: 0);
    }

    public Task DeclineOffer(string sessionId)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        return Agent.Decline(sessionId);
    }

    /// <summary>Ends the conversation and starts wrap-up (notes, outcome) before closing.</summary>
    public Task<SessionView> WrapUp(string sessionId)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        return Grains.GetSession(sessionId).WrapUp(CurrentCaller);
    }

    /// <summary>Closes the session with an optional outcome (e.g. "resolved", "lead", "sale").</summary>
    public Task<SessionView> CloseSession(string sessionId, string? outcome)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        return Grains.GetSession(sessionId).Close(CurrentCaller, InputRules.OptionalText(outcome, Limits.Outcome, nameof(outcome)));
    }

    private protected override Task DisconnectOwnerAsync(ConnectionState state) =>
        state.WatchOnly ? Task.CompletedTask : Grains.GetAgent(state.Caller.Id).Disconnect(Context.ConnectionId);
}
