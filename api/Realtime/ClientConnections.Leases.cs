using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engagement.Api.Realtime;

/// <summary>
/// Leases: this silo renews, on the grains, every listener its connections hold — periodically, at once when a
/// silo joins or leaves the cluster (survivors' grains may have been deactivated with the directory partition
/// that silo held), and on request from a grain that (re)activated. It also chases gaps: a connection whose
/// session skipped a seq gets a renewal with its cursor, which makes the session send what is missing.
/// </summary>
public sealed partial class ClientConnections : IHostedLifecycleService
{
    /// <summary>How often this silo re-announces its router to the registry (which expires silent ones).</summary>
    public static readonly TimeSpan RouterAnnounceInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a membership change, renew at these delays: the first once the survivors have deactivated what the
    /// change cost them, the second for grains deactivated late.
    /// </summary>
    private static readonly TimeSpan[] RenewAfterMembershipChange = [TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2)];

    /// <summary>A message missing this long is asked for (reordering in flight resolves well within it), then again at this interval.</summary>
    private static readonly TimeSpan GapFillInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>A gap that no fill closes in this long was never stored (a hole left by an older version): delivery moves past it.</summary>
    private static readonly TimeSpan GapSkipAfter = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after every hosted service started, Orleans included: the observer can be registered now.</summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        RouterReference();
        var stopping = _stopping.Token;
        _loops.Add(Task.Run(() => RenewLoopAsync(stopping), CancellationToken.None));
        _loops.Add(Task.Run(() => WatchMembershipAsync(stopping), CancellationToken.None));
        _loops.Add(Task.Run(() => ChaseGapsAsync(stopping), CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Renewals go on through a drain (which runs in StoppingAsync) and stop here.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_loops).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        _stopping.Dispose();
        return Task.CompletedTask;
    }

    private long _renewalRequests;

    /// <summary>How many grains asked this silo for their listeners since it started (they had (re)activated).</summary>
    public long RenewalRequests => Interlocked.Read(ref _renewalRequests);

    /// <summary>Renews every lease held here on one grain (it asked: it has just (re)activated).</summary>
    internal void Renew(ListenerKey listener)
    {
        Interlocked.Increment(ref _renewalRequests);
        RealtimeMetrics.RenewalRequests.Add(1);
        if (listener.Kind == ListenerKind.Session)
        {
            if (_feeds.TryGetValue(listener.Id, out var feed)) RenewSession(feed);
            return;
        }
        var owned = _connections.Values.Where(c => c.Owner == listener).ToList();
        if (owned.Count > 0) RenewOwner(listener, owned);
    }

    /// <summary>
    /// The leases this silo's connections hold on an agent or a customer, for its new activation, which asks before
    /// it answers anything (<see cref="IConnectionRouter.Leases"/>).
    /// </summary>
    internal PresenceLease[] LeasesOn(ListenerKey owner)
    {
        Interlocked.Increment(ref _renewalRequests);
        RealtimeMetrics.RenewalRequests.Add(1);
        return [.. _connections.Values.Where(c => c.Owner == owner).Select(c => new PresenceLease(c.Ref, c.Location))];
    }

    /// <summary>Renews every lease held here: one one-way call per grain.</summary>
    internal void RenewAll()
    {
        foreach (var group in _connections.Values.Where(c => c.Owner is not null).GroupBy(c => c.Owner!.Value))
            RenewOwner(group.Key, group.ToList());
        foreach (var feed in _feeds.Values) RenewSession(feed);
    }

    private void RenewOwner(ListenerKey owner, List<LiveConnection> connections)
    {
        try
        {
            var renewal = owner.Kind == ListenerKind.Agent
                ? _grains.GetAgent(owner.Id).Renew(connections.Select(c => c.Ref).ToArray())
                : _grains.GetCustomer(owner.Id).Renew(connections.Select(c => new VisitorLease(c.Ref, c.Location ?? Unknown)).ToArray());
            renewal.Ignore();
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            LogRenewalFailed(ex, owner.Kind, owner.Id);
        }
    }

    private static readonly VisitorLocation Unknown = new("web", null, null, false);

    private void RenewSession(SessionFeed feed)
    {
        var leases = feed.Leases();
        if (leases.Length == 0) return;
        try
        {
            _grains.GetSession(feed.SessionId).Renew(leases).Ignore();
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            LogRenewalFailed(ex, ListenerKind.Session, feed.SessionId);
        }
    }

    private async Task RenewLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_presence.HeartbeatInterval, _clock);
        var lastAnnounced = DateTimeOffset.MinValue;
        try
        {
            do
            {
                if (_clock.GetUtcNow() - lastAnnounced > RouterAnnounceInterval && await AnnounceRouterAsync())
                    lastAnnounced = _clock.GetUtcNow();
                RenewAll();
            }
            while (await timer.WaitForNextTickAsync(stopping));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
            // The host was torn down without a graceful stop (a killed silo in a test): nothing is left to renew.
        }
    }

    /// <summary>Read-model grains and re-activated grains reach every silo's router through the registry.</summary>
    private async Task<bool> AnnounceRouterAsync()
    {
        try
        {
            await _grains.GetRouterRegistry().Register(_silo.SiloAddress, RouterReference());
            return true;
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            LogAnnounceFailed(ex);
            return false;
        }
    }

    private async Task WatchMembershipAsync(CancellationToken stopping)
    {
        try
        {
            long? lastVersion = null;
            await foreach (var snapshot in _membership.MembershipUpdates.WithCancellation(stopping))
            {
                var changed = lastVersion is { } last && snapshot.Version.Value > last;
                lastVersion = snapshot.Version.Value;
                if (!changed) continue;
                LogMembershipChanged(snapshot.Version.Value, Count);
                _ = RenewAfterChangeAsync(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task RenewAfterChangeAsync(CancellationToken stopping)
    {
        try
        {
            var waited = TimeSpan.Zero;
            foreach (var delay in RenewAfterMembershipChange)
            {
                await Task.Delay(delay - waited, _clock, stopping);
                waited = delay;
                await AnnounceRouterAsync();
                RenewAll();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ChaseGapsAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(GapFillInterval / 2, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                foreach (var key in _gaps.Keys)
                {
                    if (!_feeds.TryGetValue(key.SessionId, out var feed) || !_connections.ContainsKey(key.ConnectionId))
                    {
                        _gaps.TryRemove(key, out _);
                        continue;
                    }
                    var (action, lease) = feed.CheckGap(key.ConnectionId, _sender, _clock.GetUtcNow(), GapFillInterval, GapSkipAfter);
                    if (action == SessionFeed.GapAction.Fill && lease is not null)
                    {
                        RealtimeMetrics.GapFills.Add(1);
                        _grains.GetSession(key.SessionId).Renew([lease]).Ignore();
                    }
                    else if (action == SessionFeed.GapAction.Skipped)
                    {
                        RealtimeMetrics.GapsSkipped.Add(1);
                        LogGapSkipped(key.SessionId, key.ConnectionId);
                    }
                    if (!feed.HasGap(key.ConnectionId)) _gaps.TryRemove(key, out _);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing this silo's router to the registry failed; retrying.")]
    private partial void LogAnnounceFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing leases on {Kind} '{Id}' failed; the next round retries.")]
    private partial void LogRenewalFailed(Exception exception, ListenerKind kind, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster membership changed (version {Version}): renewing the leases of {Count} connection(s).")]
    private partial void LogMembershipChanged(long version, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: a seq missing for connection {ConnectionId} never arrived; delivery moved past it.")]
    private partial void LogGapSkipped(string sessionId, string connectionId);
}
