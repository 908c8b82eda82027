namespace Engagement;

/// <summary>
/// How an agent other than the assigned one takes part in a session. Colleagues are invited by the assigned agent
/// (docs/protocol.md, Agent hub: conference); more kinds (a supervisor barging in) join this list.
/// </summary>
public enum SessionMemberKind
{
    /// <summary>Invited by the assigned agent and accepted: writes in the chat, joins the call, counts against their capacity.</summary>
    Colleague = 0,
}

/// <summary>
/// An agent in a session beside its assigned agent, who stays the session's owner (wrap-up, close, transfer).
/// Staff only: the visitor sees them as participants.
/// </summary>
/// <param name="InvitedBy">The agent who invited them.</param>
[GenerateSerializer, Immutable, Alias("engagement.session-member")]
public sealed record SessionMember(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] SessionMemberKind Kind,
    [property: Id(3)] DateTimeOffset JoinedAt,
    [property: Id(4)] string? InvitedBy = null);

/// <summary>
/// An invite into a session that <see cref="AgentId"/> has not answered yet: an offer with <c>invitedBy</c> in front
/// of them until <see cref="ExpiresAt"/> (the session's queue's offer timeout). Staff only.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.pending-invite")]
public sealed record PendingInvite(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string InvitedBy,
    [property: Id(2)] DateTimeOffset InvitedAt,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] string? Note = null);
