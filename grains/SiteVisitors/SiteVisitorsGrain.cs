using Engagement.Realtime;
using Engagement.Context;
using Microsoft.Extensions.Options;

namespace Engagement.SiteVisitors;

/// <summary>
/// Visitors on the site now, for agents (one grain, <see cref="GrainKeys.SiteVisitors"/>), fed one-way by
/// customer grains. Changes are not broadcast one by one: at 20,000 visitors a page change every half
/// minute each is ~700 changes a second, which one-by-one to every watcher would be 700 × watchers
/// sends a second. Instead changed entries go out as one batch per <see cref="ContextOptions.SiteVisitorsFlush"/>
/// (one call per silo, then SignalR's group fan-out), chunked so no event grows past
/// <see cref="MaxBatch"/> entries. Kept in memory only: customers re-announce themselves every
/// <see cref="ContextOptions.SiteVisitorRefresh"/>, so a new activation fills up again within that.
/// </summary>
[GrainType("site-visitors")]
internal sealed class SiteVisitorsGrain(IOptions<ContextOptions> options, TimeProvider clock, ClientPush push) : Grain, ISiteVisitorsGrain
{
    public const int MaxBatch = 500;
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(30);
    private readonly SiteVisitorBoard _board = new(options.Value.SiteVisitorExpiry);
    private IGrainTimer? _flushTimer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(SweepPeriod, SweepPeriod));
        return Task.CompletedTask;
    }

    public Task VisitorChanged(SiteVisitor visitor)
    {
        if (_board.Changed(visitor, clock.GetUtcNow())) ScheduleFlush();
        return Task.CompletedTask;
    }

    public Task VisitorLeft(string customerId, long version)
    {
        if (_board.Left(customerId, version, clock.GetUtcNow())) ScheduleFlush();
        return Task.CompletedTask;
    }

    public Task Alert(VisitorAlert alert) =>
        push.BroadcastAsync(HubKind.Agent, WatchGroups.SiteVisitors, ClientEvent.VisitorAlert(alert));

    public Task<SiteVisitor[]> GetVisitors() => Task.FromResult(_board.Snapshot());

    private void ScheduleFlush()
    {
        var period = options.Value.SiteVisitorsFlush;
        _flushTimer ??= this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(period, period));
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!_board.HasPending)
        {
            // A quiet period: stop ticking until the next change.
            _flushTimer?.Dispose();
            _flushTimer = null;
            return;
        }
        var (changed, left) = _board.TakePending();
        foreach (var chunk in changed.Chunk(MaxBatch))
            await push.BroadcastAsync(HubKind.Agent, WatchGroups.SiteVisitors, ClientEvent.SiteVisitor(chunk));
        foreach (var chunk in left.Chunk(MaxBatch))
            await push.BroadcastAsync(HubKind.Agent, WatchGroups.SiteVisitors, ClientEvent.SiteVisitorLeft(chunk));
    }

    private Task SweepAsync(CancellationToken cancellationToken)
    {
        _board.Expire(clock.GetUtcNow());
        if (_board.HasPending) ScheduleFlush();
        return Task.CompletedTask;
    }
}
