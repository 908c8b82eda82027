using Engagement.Common;
using Engagement.Dashboard;

namespace Engagement.Queues;

/// <summary>
/// The queue's side of the read models: after every round of matching (which follows every change to the
/// waiting list, the roster, the counters or the definition) the queue's figures are compared with the last
/// ones reported, and a change goes one-way to the dashboard grain, at most once per <see cref="StatsInterval"/>;
/// a new name goes one-way to the team directory.
/// </summary>
internal sealed partial class QueueGrain
{
    private static readonly TimeSpan StatsInterval = TimeSpan.FromMilliseconds(250);
    private Throttle? _statsThrottle;
    private QueueStats? _latestStats;
    private QueueStats? _reportedStats;
    /// <summary>The definition the directory was last told (name and business hours are what it shows).</summary>
    private QueueDefinition? _announced;

    private void ReportStats()
    {
        if (S.Definition is not { } definition) return;
        if (!ReferenceEquals(_announced, definition))
        {
            _announced = definition;
            GrainFactory.GetTeamDirectory().QueueDefined(definition).Ignore();
        }
        var figures = QueueFigures.From(definition, S.Waiting, _roster.Values, S.AnsweredTotal, S.AnsweredWithinSla, S.Abandoned);
        if (figures == (_latestStats ?? _reportedStats)) return; // both held unversioned, so equal figures compare equal
        _latestStats = figures;
        _statsThrottle ??= new Throttle(StatsInterval, SendStatsAsync, Throttle.GrainTimer(this, interleave: true));
        _statsThrottle.ChangedAsync().Ignore();
    }

    private Task SendStatsAsync()
    {
        if (_latestStats is not { } stats) return Task.CompletedTask;
        _latestStats = null;
        _reportedStats = stats;
        return GrainFactory.GetDashboard().QueueChanged(stats with { Version = _versions.Next() });
    }
}
