using Engagement.Api.Validation;

namespace Engagement.Api.Hubs;

/// <summary>The workspace's live context panel and proactive invitations.</summary>
public sealed partial class AgentHub
{
    /// <summary>
    /// The live context of the session's customer. Authorized through the session: only staff who may read it
    /// (offered or assigned agent, supervisors, admins); anyone else gets not_found, as for a missing session.
    /// </summary>
    public async Task<CustomerContext> GetCustomerContext(string sessionId)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        var session = await Grains.GetSession(sessionId).Get(CurrentCaller);
        return await Grains.GetCustomer(session.CustomerId).GetContext();
    }

    /// <summary>
    /// Invites a visitor on the site to chat with this agent. Accepted, it starts a session offered to this agent
    /// only, in the agent's first queue.
    /// </summary>
    public async Task<Invitation> InviteVisitor(string customerId, string message)
    {
        InputRules.Id(customerId, nameof(customerId));
        var text = InputRules.RequiredText(message, Limits.InvitationMessage, nameof(message));
        var profile = await Agent.GetProfile() ?? throw EngagementException.NotFound("Your agent account");
        var queueId = profile.Queues.FirstOrDefault()
            ?? throw EngagementException.Conflict("You belong to no queue, so an accepted invitation could not reach you.");
        // The customer grain sets the expiry: it owns the invitation lifetime (Engagement:Context:InvitationLifetime).
        var invitation = new Invitation(Ids.New("i_"), customerId, profile.AgentId, profile.DisplayName, queueId, text, null, DateTimeOffset.MaxValue);
        return await Grains.GetCustomer(customerId).Invite(invitation) ?? throw EngagementException.Conflict("The visitor is not on the site now.");
    }
}
