namespace Engagement;

/// <summary>
/// A queue of waiting sessions, in rank order (priority, then wait), with the agents that serve it. The first
/// session is offered to the longest-idle available agent with the skills at the level its policy asks and spare
/// capacity; an offer that times out or is declined goes to the next agent. Steps of the queue's
/// <see cref="RoutingPolicy"/> relax the skills asked or move the session on. Key: <see cref="GrainKeys.Queue"/>.
/// </summary>
[Alias("engagement.IQueueGrain")]
public interface IQueueGrain : IGrainWithStringKey
{
    [Alias("configure")]
    Task<QueueDefinition> Configure(QueueDefinition definition);

    /// <summary>The definition, or null when no queue has this id.</summary>
    [Alias("get-definition"), ReadOnly]
    Task<QueueDefinition?> GetDefinition();

    /// <summary>
    /// Adds a session in rank order (priority, then wait) and returns its position. Its priority is the higher of the
    /// one it brings (from a queue it overflowed or was transferred from) and this queue's for the contact's
    /// <paramref name="contactAttributes"/>; its wait counts from its <see cref="QueuedSession.EnqueuedAt"/>.
    /// </summary>
    [Alias("enqueue")]
    Task<QueuePosition> Enqueue(QueuedSession session, Dictionary<string, string>? contactAttributes = null);

    /// <summary>
    /// Removes a waiting session (the visitor left: counted as abandoned, unless <paramref name="abandoned"/> is false, for a
    /// transfer called back); revokes its offer if one is out.
    /// </summary>
    [Alias("cancel")]
    Task Cancel(string sessionId, bool abandoned = true);

    /// <summary>An agent's routing state changed (presence, load, skills). Adds the agent to the roster.</summary>
    [OneWay, Alias("agent-changed")]
    Task AgentChanged(AgentRoutingState state);

    /// <summary>The agent no longer serves this queue.</summary>
    [OneWay, Alias("agent-removed")]
    Task AgentRemoved(string agentId);

    /// <summary>
    /// The agent accepts: succeeds only while the offer to that agent is still out, and removes the
    /// session from the queue. The queue is the single judge between an accept and a timeout.
    /// </summary>
    [Alias("claim-offer")]
    Task<bool> ClaimOffer(string sessionId, string agentId);

    /// <summary>The agent declined (or went offline): the session goes to the next agent.</summary>
    [Alias("offer-declined")]
    Task OfferDeclined(string sessionId, string agentId, OfferEndReason reason);

    /// <summary>A waiting session stops waiting for its chosen representative. False when it is not waiting for one.</summary>
    [Alias("drop-preference")]
    Task<bool> DropPreference(string sessionId);

    /// <summary>Offers out to <paramref name="agentId"/> that have not ended: a new activation of the agent restores them.</summary>
    [Alias("offers-for"), ReadOnly]
    Task<SessionOffer[]> OffersFor(string agentId);

    /// <summary>
    /// An agent takes a waiting session from the list (the queue allows cherry-picking). Succeeds only for a session
    /// that waits here, is not kept for a chosen representative, and whose skills the agent has at the level asked
    /// now; an offer out to another agent for it is withdrawn. Conflict otherwise.
    /// </summary>
    [Alias("pick")]
    Task Pick(string sessionId, AgentRoutingState agent);

    /// <summary>The waiting list as agents see it.</summary>
    [Alias("get-waiting-list"), ReadOnly]
    Task<QueueWaitingList> GetWaitingList();

    [Alias("get-snapshot"), ReadOnly]
    Task<QueueSnapshot> GetSnapshot();
}
