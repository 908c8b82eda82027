namespace Engagement;

/// <summary>The supervisor dashboard's read model, kept incrementally and pushed live. Key: <see cref="GrainKeys.Dashboard"/>.</summary>
/// <remarks>
/// Renamed from <c>IStatsGrain</c> in C# only: the [Alias] values name the interface on the wire and in persisted grain
/// references, so they stay as they were.
/// </remarks>
[Alias("engagement.IStatsGrain")]
public interface IDashboardGrain : IGrainWithStringKey
{
    [OneWay, Alias("queue-changed")]
    Task QueueChanged(QueueStats queue);

    [OneWay, Alias("agent-changed")]
    Task AgentChanged(AgentLoad agent);

    [OneWay, Alias("session-stat")]
    Task SessionStat(SessionStat stat);

    [OneWay, Alias("invitation")]
    Task Invitation(string invitationId, bool? accepted);

    [Alias("get-dashboard"), ReadOnly]
    Task<DashboardSnapshot> GetDashboard();
}
