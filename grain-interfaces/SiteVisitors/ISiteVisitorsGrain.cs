namespace Engagement;

/// <summary>Visitors on the site right now, for agents. Key: <see cref="GrainKeys.SiteVisitors"/>.</summary>
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
