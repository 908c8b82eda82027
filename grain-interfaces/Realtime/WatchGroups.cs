namespace Engagement;

/// <summary>Names of the per-silo SignalR groups that the read-model grains (team directory, site visitors, dashboard) broadcast to.</summary>
public static class WatchGroups
{
    /// <summary>Visitor hub: the team directory with live presence.</summary>
    public const string Directory = "watch:directory";
    /// <summary>Agent hub: visitors on the site now.</summary>
    public const string SiteVisitors = "watch:site-visitors";
    /// <summary>Agent hub (supervisors): the live dashboard.</summary>
    public const string Dashboard = "watch:dashboard";
}
