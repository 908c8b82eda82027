namespace Engagement.Sessions;

/// <summary>
/// The one rule for who learns that a session exists and who may act on it (docs/protocol.md, "Who may see a
/// session"). A caller sees a session when it is the session's visitor (any of its customer ids), the agent it is
/// offered or assigned to, an agent invited into it or a member of it, a supervisor, an admin or the system. Anyone else is told <c>not_found</c>, exactly as
/// for an id that does not exist, whatever they asked for. Someone who sees the session but may not do what they
/// asked is told <c>forbidden</c>.
/// </summary>
internal static class SessionAccess
{
    public static bool IsVisitor(SessionState s, Caller c) => c.Kind == CallerKind.Visitor && s.CustomerIds.Contains(c.Id);

    public static bool IsAssignedAgent(SessionState s, Caller c) => c.IsStaff && s.AssignedAgentId == c.Id;

    public static bool IsOfferedAgent(SessionState s, Caller c) => c.IsStaff && s.OfferedTo == c.Id;

    /// <summary>An agent in the session beside the assigned one (of <paramref name="kind"/>, or of any kind).</summary>
    public static bool IsMember(SessionState s, Caller c, SessionMemberKind? kind = null) =>
        c.IsStaff && s.Members.Any(m => m.AgentId == c.Id && (kind is null || m.Kind == kind));

    /// <summary>An agent invited into the session who has not answered yet: they may read it before they accept.</summary>
    public static bool IsInvitedAgent(SessionState s, Caller c) => c.IsStaff && s.Invites.Any(i => i.AgentId == c.Id);

    /// <summary>The agents who hold the conversation with the visitor: the assigned agent and the colleagues in it.</summary>
    public static bool IsConversingAgent(SessionState s, Caller c) => IsAssignedAgent(s, c) || IsMember(s, c, SessionMemberKind.Colleague);

    /// <summary>The caller's supervision of the session, or null when it does not supervise it (supervisors and admins only).</summary>
    public static SessionSupervisor? SupervisionOf(SessionState s, Caller c) =>
        c.Kind is CallerKind.Supervisor or CallerKind.Admin ? s.Supervisors.FirstOrDefault(x => x.AgentId == c.Id) : null;

    /// <summary>A supervisor who barged in: writes and types in the conversation as the agent does.</summary>
    public static bool HasBargedIn(SessionState s, Caller c) => SupervisionOf(s, c) is { Mode: SupervisionMode.Barge };

    /// <summary>Whether the caller may learn that the session exists (and read it).</summary>
    public static bool CanSee(SessionState s, Caller c) =>
        s.Exists && (IsVisitor(s, c) || IsAssignedAgent(s, c) || IsOfferedAgent(s, c) || IsMember(s, c) || IsInvitedAgent(s, c) || c.IsPrivileged);

    /// <summary>Throws <c>not_found</c> unless the caller may see the session.</summary>
    public static void EnsureVisible(SessionState s, Caller c, string sessionId)
    {
        if (!CanSee(s, c)) throw NotFound(sessionId);
    }

    /// <summary>
    /// Throws <c>not_found</c> unless the caller may see the session, then <c>forbidden</c> (with
    /// <paramref name="why"/>) unless <paramref name="allowed"/>: visibility is always decided first.
    /// </summary>
    public static void EnsureAllowed(SessionState s, Caller c, string sessionId, bool allowed, string why)
    {
        EnsureVisible(s, c, sessionId);
        if (!allowed) throw EngagementException.Forbidden(why);
    }

    /// <summary>The answer for a session that does not exist and for one the caller may not see: the same.</summary>
    public static EngagementException NotFound(string sessionId) => EngagementException.NotFound($"Session '{sessionId}'");
}
