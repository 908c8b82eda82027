namespace Engagement;

/// <summary>
/// An agent (sales or service rep): profile, skills, capacity, presence derived from live connections,
/// the offers in front of them and the sessions they hold. Key: <see cref="GrainKeys.Agent"/>.
/// </summary>
[Alias("engagement.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the profile; joins and leaves queues as the profile says.</summary>
    [Alias("configure")]
    Task<AgentProfile> Configure(AgentProfile profile);

    /// <summary>Sets the sign-in password (stored hashed).</summary>
    [Alias("set-password")]
    Task SetPassword(string password);

    /// <summary>Checks a sign-in password against the stored hash.</summary>
    [Alias("check-password"), ReadOnly]
    Task<bool> CheckPassword(string password);

    /// <summary>The profile, or null when no agent has this id.</summary>
    [Alias("get-profile"), ReadOnly]
    Task<AgentProfile?> GetProfile();

    [Alias("get-status"), ReadOnly]
    Task<AgentStatus> GetStatus();

    /// <summary>A workspace connected. Returns the status, including offers waiting for an answer.</summary>
    [Alias("connect")]
    Task<AgentStatus> Connect(ConnectionRef connection);

    /// <summary>A workspace connection closed cleanly.</summary>
    [Alias("disconnect")]
    Task Disconnect(string connectionId);

    /// <summary>
    /// The silo holding these workspace connections renews their leases: unknown ones are added (this
    /// activation may be new), known ones stay alive for another <see cref="PresenceOptions.ConnectionTimeout"/>.
    /// </summary>
    [OneWay, Alias("renew")]
    Task Renew(ConnectionRef[] connections);

    /// <summary>Available or away; away may carry a reason (lunch, training: at most <see cref="Limits.Name"/> characters), which the dashboard shows.</summary>
    [Alias("set-chosen-status")]
    Task<AgentStatus> SetChosenStatus(AgentChosenStatus status, string? reason = null);

    // ---- routing ----

    /// <summary>A queue offers a session. False when the agent cannot take it now (offline, away, full, or already has an offer).</summary>
    [Alias("offer")]
    Task<bool> Offer(SessionOffer offer);

    /// <summary>The queue withdrew an offer (timeout, the visitor left).</summary>
    [OneWay, Alias("revoke-offer")]
    Task RevokeOffer(string sessionId, OfferEndReason reason);

    /// <summary>Accepts an offer; the session becomes active with this agent.</summary>
    [Alias("accept")]
    Task<SessionView> Accept(string sessionId);

    /// <summary>
    /// Takes a waiting session from <paramref name="queueId"/>'s list (cherry-picking, when the queue allows it and the
    /// agent has a free slot): the session becomes active with this agent, as for an accepted offer.
    /// </summary>
    [Alias("pick")]
    Task<SessionView> Pick(string queueId, string sessionId);

    /// <summary>Declines a pending offer: the session goes to the next agent. Conflict when the offer is gone.</summary>
    [Alias("decline")]
    Task Decline(string sessionId);

    /// <summary>A session this agent held left the agent's hands (closed or wrapped up), freeing capacity.</summary>
    [OneWay, Alias("session-released")]
    Task SessionReleased(string sessionId);

    /// <summary>
    /// A call in one of the agent's sessions starts: takes a call slot. False when the agent's calls are at
    /// <see cref="AgentProfile.CallsAtOnce"/>. With <see cref="AgentProfile.CallBlocksChats"/> the agent counts as full for chat offers meanwhile.
    /// </summary>
    [Alias("take-call-slot")]
    Task<bool> TakeCallSlot(string sessionId);

    /// <summary>The session's call ended (or the session left the agent): its call slot is free.</summary>
    [OneWay, Alias("free-call-slot")]
    Task FreeCallSlot(string sessionId);

    /// <summary>For queues (re)building their roster.</summary>
    [Alias("get-routing-state"), ReadOnly]
    Task<AgentRoutingState?> GetRoutingState();
}
