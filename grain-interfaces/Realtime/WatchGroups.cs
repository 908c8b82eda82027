namespace Engagement;

/// <summary>Names of the per-silo SignalR groups that the read-model grains (team directory, site visitors, dashboard) broadcast to.</summary>
public static class WatchGroups
{
    /// <summary>Visitor hub: the team directory with live presence.</summary>
    public const string Directory = Prefix + "directory";
    /// <summary>Agent hub: visitors on the site now.</summary>
    public const string SiteVisitors = Prefix + "site-visitors";
    /// <summary>Agent hub (supervisors): the live dashboard.</summary>
    public const string Dashboard = Prefix + "dashboard";

    /// <summary>What every watch group's name starts with (each silo fans these out itself: WatchGroupLifetimeManager).</summary>
    public const string Prefix = "watch:";

    public static bool IsWatchGroup(string group) => group.StartsWith(Prefix, StringComparison.Ordinal);
}
