namespace Engagement.Sessions;

/// <summary>
/// The session's side of the dashboard: the first agent reply, a rating and the close go one-way to the stats
/// grain, which never calls back.
/// </summary>
internal sealed partial class SessionGrain
{
    private IStatsGrain Stats => GrainFactory.Reference<IStatsGrain>(BoardKeys.Stats);

    /// <summary>Called once, when the assigned agent's first message became durable.</summary>
    private void ReportFirstResponse(DateTimeOffset repliedAt)
    {
        if (S.Timings.AcceptedAt is not { } acceptedAt) return;
        Stats.SessionStat(new SessionStat(Id, S.QueueId, SessionStatKind.FirstResponse, repliedAt - acceptedAt, null, null, repliedAt)).Ignore();
    }

    private void ReportRated(SessionRating? previous, SessionRating rating) =>
        Stats.SessionStat(new SessionStat(Id, S.QueueId, SessionStatKind.Rated, null, rating, null, rating.At, previous)).Ignore();

    /// <summary>Called once, when the session closed (by its agent, staff or the wrap-up timeout).</summary>
    private void ReportClosed() =>
        Stats.SessionStat(new SessionStat(Id, S.QueueId, SessionStatKind.Closed, null, null, S.Outcome, S.Timings.ClosedAt ?? Now)).Ignore();
}
