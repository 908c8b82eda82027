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

    /// <summary>Agent hub: the shared inbox's counts (every staff member watching the inbox).</summary>
    public const string InboxCounts = Prefix + "inbox-counts";
    /// <summary>Agent hub (supervisors and admins): every conversation's changes and messages.</summary>
    public const string InboxAll = Prefix + "inbox:all";

    /// <summary>Agent hub: the changes and messages of one queue's conversations, for the agents who serve it.</summary>
    public static string InboxQueue(string queueId) => Prefix + "inbox:q:" + queueId;

    /// <summary>Agent hub: one queue's waiting list, for the agents who serve it (and supervisors).</summary>
    public static string QueueWaiting(string queueId) => Prefix + "waiting:" + queueId;

    /// <summary>What every watch group's name starts with (each silo fans these out itself: WatchGroupLifetimeManager).</summary>
    public const string Prefix = "watch:";

    public static bool IsWatchGroup(string group) => group.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>What a group watches, without the id of the queue it is for: "directory", "inbox", "waiting"... (metrics' tag).</summary>
    public static string KindOf(string group)
    {
        var name = IsWatchGroup(group) ? group[Prefix.Length..] : group;
        var colon = name.IndexOf(':');
        return colon < 0 ? name : name[..colon];
    }
}
