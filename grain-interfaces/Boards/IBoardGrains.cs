namespace Engagement;

/// <summary>
/// Every silo's connection router, so board grains can broadcast to all silos (one one-way call each,
/// then SignalR fans out to the silo's local group). Key: <see cref="BoardKeys.Routers"/>.
/// </summary>
[Alias("engagement.IRouterRegistryGrain")]
public interface IRouterRegistryGrain : IGrainWithStringKey
{
    /// <summary>A silo announces (and periodically refreshes) its router.</summary>
    [Alias("register")]
    Task Register(SiloAddress silo, IConnectionRouter router);

    /// <summary>The routers of the silos that registered recently and are still in the cluster.</summary>
    [Alias("routers"), ReadOnly]
    Task<IConnectionRouter[]> Routers();
}

/// <summary>The representatives directory with live presence, for visitors choosing whom to talk to. Key: <see cref="BoardKeys.Directory"/>.</summary>
[Alias("engagement.IPresenceBoardGrain")]
public interface IPresenceBoardGrain : IGrainWithStringKey
{
    [OneWay, Alias("agent-changed")]
    Task AgentChanged(DirectoryEntry entry);

    [OneWay, Alias("agent-removed")]
    Task AgentRemoved(string agentId);

    /// <summary>A queue was created or renamed (sent by the queue), so visitors can pick it at once.</summary>
    [OneWay, Alias("queue-defined")]
    Task QueueDefined(string queueId, string name);

    [Alias("get-directory"), ReadOnly]
    Task<DirectoryEntry[]> GetDirectory();

    /// <summary>The listed representatives and every queue's availability, as a watcher starts from.</summary>
    [Alias("get-snapshot"), ReadOnly]
    Task<DirectorySnapshot> GetSnapshot();
}

/// <summary>Visitors on the site right now, for agents. Key: <see cref="BoardKeys.SiteVisitors"/>.</summary>
[Alias("engagement.ISiteVisitorsGrain")]
public interface ISiteVisitorsGrain : IGrainWithStringKey
{
    [OneWay, Alias("visitor-changed")]
    Task VisitorChanged(SiteVisitor visitor);

    [OneWay, Alias("visitor-left")]
    Task VisitorLeft(string customerId, long version);

    /// <summary>A NotifyAgents rule fired: alert the agents watching the site.</summary>
    [OneWay, Alias("alert")]
    Task Alert(VisitorAlert alert);

    [Alias("get-visitors"), ReadOnly]
    Task<SiteVisitor[]> GetVisitors();
}

/// <summary>The supervisor dashboard's read model, kept incrementally and pushed live. Key: <see cref="BoardKeys.Stats"/>.</summary>
[Alias("engagement.IStatsGrain")]
public interface IStatsGrain : IGrainWithStringKey
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

/// <summary>The tenant's proactive rules. Key: <see cref="BoardKeys.Rules"/>.</summary>
[Alias("engagement.IProactiveRulesGrain")]
public interface IProactiveRulesGrain : IGrainWithStringKey
{
    [Alias("get-rules"), ReadOnly]
    Task<ProactiveRule[]> GetRules();

    /// <summary>Replaces the rules; validates them first.</summary>
    [Alias("set-rules")]
    Task<ProactiveRule[]> SetRules(ProactiveRule[] rules);
}

/// <summary>The tenant's canned responses. Key: <see cref="BoardKeys.CannedResponses"/>.</summary>
[Alias("engagement.ICannedResponsesGrain")]
public interface ICannedResponsesGrain : IGrainWithStringKey
{
    [Alias("list"), ReadOnly]
    Task<CannedResponse[]> List();

    [Alias("upsert")]
    Task<CannedResponse> Upsert(CannedResponse response);

    [Alias("remove")]
    Task Remove(string id);
}

/// <summary>Keys of the tenant-wide grains.</summary>
public static class BoardKeys
{
    public const string Routers = "routers:default";
    public const string Directory = "board:directory";
    public const string SiteVisitors = "board:site-visitors";
    public const string Stats = "stats:default";
    public const string Rules = "rules:default";
    public const string CannedResponses = "canned:default";
}
