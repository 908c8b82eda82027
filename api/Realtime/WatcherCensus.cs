using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Engagement.Api.Realtime;

/// <summary>
/// <c>engagement.realtime.watchers</c> (meter "Engagement.Realtime"): this node's connections in watch groups, by hub
/// and by what they watch: <c>directory</c> (visitors following the team's presence), <c>site-visitors</c> (agents
/// following visitors' presence on the site), <c>dashboard</c>, <c>inbox-counts</c>, <c>inbox</c>, <c>waiting</c>.
/// Counted from the hubs' lifetime managers when a scrape asks. One per host, through its <see cref="IMeterFactory"/>,
/// so the gauge goes with the host.
/// </summary>
internal sealed class WatcherCensus
{
    private readonly ConcurrentDictionary<string, Func<IEnumerable<(string Group, int Members)>>> _hubs = new(StringComparer.Ordinal);

    public WatcherCensus(IMeterFactory meters) =>
        meters.Create(MeterNames.Realtime).CreateObservableGauge("engagement.realtime.watchers", Observe, "{connection}",
            "Connections in watch groups on this node, by hub and what they watch");

    /// <summary>A hub's watch groups and their member counts, read at each collection.</summary>
    public void Register(string hub, Func<IEnumerable<(string Group, int Members)>> groups) => _hubs[hub] = groups;

    private IEnumerable<Measurement<int>> Observe()
    {
        foreach (var (hub, groups) in _hubs)
        {
            foreach (var byKind in groups().GroupBy(g => WatchGroups.KindOf(g.Group), StringComparer.Ordinal))
                yield return new Measurement<int>(byKind.Sum(g => g.Members),
                    new KeyValuePair<string, object?>("hub", hub), new KeyValuePair<string, object?>("watch", byKind.Key));
        }
    }
}
