using Engagement.Common;
using Engagement.Realtime;
using Microsoft.Extensions.Options;

namespace Engagement.Dashboard;

/// <summary>
/// The supervisors' live SLA board: running clocks at risk or in breach, and each queue's breaches today (the site's
/// day). Sessions report one-way as their clocks change; the board is pushed whole to the dashboard's watchers
/// (<see cref="WatchGroups.Dashboard"/>, event <c>slaBoard</c>) at most once per <see cref="StatsOptions.PushInterval"/>,
/// and its state is written at most once per <see cref="StatsOptions.WriteInterval"/>, so a new activation has it back.
/// </summary>
[GrainType("sla-board")]
internal sealed class SlaBoardGrain(
    [PersistentState("sla-board", "store")] IPersistentState<SlaBoardState> state,
    IOptions<StatsOptions> stats,
    IOptions<ReportsOptions> reports,
    TimeProvider clock,
    ClientPush push) : Grain, ISlaBoardGrain
{
    private readonly VersionClock _versions = new(clock);
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(reports.Value.TimeZone);
    private Throttle _push = null!;
    private Throttle _write = null!;

    private SlaBoardState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _push = new Throttle(stats.Value.PushInterval, PushAsync, Throttle.GrainTimer(this));
        _write = new Throttle(stats.Value.WriteInterval, state.WriteStateAsync, Throttle.GrainTimer(this));
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _push.Stop();
        await _write.FlushAsync();
    }

    public async Task Alert(SlaAlert alert)
    {
        var key = KeyOf(alert.SessionId, alert.Kind);
        var known = S.Alerts.GetValueOrDefault(key);
        if (known == alert) return;
        // A breach counts once per clock: a repeat (or an at-risk report overtaken by its breach) changes nothing.
        if (known is { Level: SlaAlertLevel.Breached } && known.DueAt == alert.DueAt) return;
        S.Alerts[key] = alert;
        if (alert.Level == SlaAlertLevel.Breached)
        {
            RollDay();
            S.Breaches[alert.QueueId] = S.Breaches.GetValueOrDefault(alert.QueueId) + 1;
        }
        await ChangedAsync();
    }

    public async Task Cleared(string sessionId, SlaKind kind)
    {
        if (S.Alerts.Remove(KeyOf(sessionId, kind))) await ChangedAsync();
    }

    public Task<SlaBoard> GetBoard()
    {
        RollDay();
        return Task.FromResult(Board());
    }

    private async Task ChangedAsync()
    {
        await _write.ChangedAsync();
        await _push.ChangedAsync();
    }

    /// <summary>A new day in the site's zone starts the counts again.</summary>
    private void RollDay()
    {
        var today = ReportBuckets.LocalDate(clock.GetUtcNow(), _zone);
        if (S.Day == today) return;
        S.Day = today;
        S.Breaches.Clear();
    }

    private Task PushAsync() => push.BroadcastAsync(HubKind.Agent, WatchGroups.Dashboard, ClientEvent.SlaBoard(Board()));

    private SlaBoard Board() => new(
        [.. S.Alerts.Values.OrderByDescending(a => a.Level).ThenBy(a => a.DueAt).ThenBy(a => a.SessionId, StringComparer.Ordinal)],
        [.. S.Breaches.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => new SlaQueueBreaches(b.Key, b.Value))],
        S.Day,
        _versions.Next());

    private static string KeyOf(string sessionId, SlaKind kind) => $"{sessionId}/{kind}";
}

/// <summary>The SLA board's persisted state.</summary>
[GenerateSerializer, Alias("engagement.sla-board-state")]
public sealed class SlaBoardState
{
    /// <summary>Alerts by "sessionId/kind".</summary>
    [Id(0)] public Dictionary<string, SlaAlert> Alerts { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The site's date <see cref="Breaches"/> counts.</summary>
    [Id(1)] public DateOnly Day { get; set; }
    /// <summary>Breaches by queue id on <see cref="Day"/>.</summary>
    [Id(2)] public Dictionary<string, int> Breaches { get; set; } = new(StringComparer.Ordinal);
}
