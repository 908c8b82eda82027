namespace Engagement.Sessions;

/// <summary>
/// The session state machine, as a table: requested → queued → offered → active → wrap-up → closed,
/// with abandoned when the visitor leaves before an agent accepted.
/// </summary>
public static class SessionLifecycle
{
    private static readonly Dictionary<SessionStatus, SessionStatus[]> Allowed = new()
    {
        // Offered can overtake Queued: the queue may offer before Start has recorded the enqueue.
        [SessionStatus.Requested] = [SessionStatus.Queued, SessionStatus.Offered, SessionStatus.Active, SessionStatus.Abandoned],
        [SessionStatus.Queued] = [SessionStatus.Offered, SessionStatus.Active, SessionStatus.Abandoned],
        [SessionStatus.Offered] = [SessionStatus.Queued, SessionStatus.Active, SessionStatus.Abandoned],
        [SessionStatus.Active] = [SessionStatus.WrapUp, SessionStatus.Closed],
        [SessionStatus.WrapUp] = [SessionStatus.Closed],
        [SessionStatus.Closed] = [],
        [SessionStatus.Abandoned] = [],
    };

    public static bool CanMove(SessionStatus from, SessionStatus to) => Allowed[from].Contains(to);

    /// <summary>Still waiting for an agent.</summary>
    public static bool IsWaiting(SessionStatus s) => s is SessionStatus.Requested or SessionStatus.Queued or SessionStatus.Offered;

    /// <summary>Closed or abandoned: nothing more happens.</summary>
    public static bool IsEnded(SessionStatus s) => s is SessionStatus.Closed or SessionStatus.Abandoned;

    /// <summary>Who may post text: the visitor until the session ends, the assigned agent while it is active or wrapping up.</summary>
    public static bool VisitorMaySend(SessionStatus s) => !IsEnded(s) && s != SessionStatus.WrapUp;

    public static bool AgentMaySend(SessionStatus s) => s is SessionStatus.Active or SessionStatus.WrapUp;

    /// <summary>Throws a conflict error unless <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static void EnsureCanMove(SessionStatus from, SessionStatus to)
    {
        if (!CanMove(from, to))
            throw EngagementException.Conflict($"A session that is {from.ToString().ToLowerInvariant()} cannot become {to.ToString().ToLowerInvariant()}.");
    }
}
