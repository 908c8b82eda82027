using Engagement.Api.Validation;

namespace Engagement.Api.Hubs;

/// <summary>Colleagues in a conversation: invite, withdraw the invite, leave (docs/protocol.md, "Agent hub: conference").</summary>
public sealed partial class AgentHub
{
    /// <summary>Invites a colleague into the active session, with an optional private note; they answer the offer it makes.</summary>
    public Task<SessionView> InviteToSession(string sessionId, string agentId, string? note)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        InputRules.Id(agentId, nameof(agentId));
        return Grains.GetSession(sessionId).Invite(CurrentCaller, agentId, InputRules.OptionalText(note, Limits.MessageText, nameof(note)));
    }

    /// <summary>Withdraws an invite the colleague has not answered yet.</summary>
    public Task<SessionView> CancelInvite(string sessionId, string agentId)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        InputRules.Id(agentId, nameof(agentId));
        return Grains.GetSession(sessionId).CancelInvite(CurrentCaller, agentId);
    }

    /// <summary>A colleague in the session leaves it (and its call); the session stays with its assigned agent.</summary>
    public Task<SessionView> LeaveSession(string sessionId)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        return Grains.GetSession(sessionId).LeaveAsMember(CurrentCaller);
    }
}
