using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Realtime;

/// <summary>
/// This silo's side of connection liveness. It registers the <see cref="ConnectionRouter"/> with Orleans
/// once Orleans is up (and keeps the reference for the life of the process), hands out
/// <see cref="ConnectionRef"/>s naming it, tracks the connections held here and which grain owns each,
/// and every <see cref="PresenceOptions.HeartbeatInterval"/> tells each owning grain, in one call, which of
/// its connections are still alive.
/// </summary>
public sealed partial class ConnectionRegistry(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    ConnectionRouter router,
    IOptions<PresenceOptions> presence,
    ILogger<ConnectionRegistry> logger) : IHostedLifecycleService
{
    private readonly ConcurrentDictionary<string, ConnectionOwner> _connections = new(StringComparer.Ordinal);
    private readonly Lock _registerLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private IConnectionRouter? _routerReference;
    private Task _heartbeats = Task.CompletedTask;

    /// <summary>How many connections this silo holds now.</summary>
    public int Count => _connections.Count;

    /// <summary>The reference grains use to reach <paramref name="connectionId"/> on this silo.</summary>
    public ConnectionRef For(string connectionId, HubKind hub) => new(connectionId, hub, RouterReference(), silo.SiloAddress);

    /// <summary>Starts heartbeating <paramref name="connectionId"/> to <paramref name="owner"/> (call once the owner knows it).</summary>
    public void Track(string connectionId, ConnectionOwner owner) => _connections[connectionId] = owner;

    public void Untrack(string connectionId) => _connections.TryRemove(connectionId, out _);

    /// <summary>The tracked connections grouped by owning grain: one heartbeat call per grain.</summary>
    public Dictionary<ConnectionOwner, string[]> SnapshotByOwner() =>
        _connections.GroupBy(c => c.Value, c => c.Key).ToDictionary(g => g.Key, g => g.ToArray());

    private IConnectionRouter RouterReference()
    {
        if (_routerReference is { } existing)
        {
            return existing;
        }

        lock (_registerLock)
        {
            // Made on first use or once Orleans is up, whichever comes first; this class holds the router
            // itself, so the observer lives as long as the process.
            _routerReference ??= grains.CreateObjectReference<IConnectionRouter>(router);

            return _routerReference;
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after every hosted service started, Orleans included: the observer can be registered now.</summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        RouterReference();
        _heartbeats = Task.Run(() => HeartbeatLoopAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _heartbeats.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        _stopping.Dispose();
        return Task.CompletedTask;
    }

    private async Task HeartbeatLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(presence.Value.HeartbeatInterval);
        var lastAnnounced = DateTime.MinValue;
        try
        {
            do
            {
                // Board grains broadcast through every silo's router; the registry forgets silent ones.
                if (DateTime.UtcNow - lastAnnounced > RouterAnnounceInterval && await AnnounceRouterAsync())
                    lastAnnounced = DateTime.UtcNow;
                await SendHeartbeatsAsync();
            }
            while (await timer.WaitForNextTickAsync(stopping));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
            // The host was torn down without a graceful stop (a killed silo): nothing is left to announce to.
        }
    }

    /// <summary>How often this silo re-announces its router to the registry (which expires it after a few misses).</summary>
    public static readonly TimeSpan RouterAnnounceInterval = TimeSpan.FromSeconds(30);

    private async Task<bool> AnnounceRouterAsync()
    {
        try
        {
            await grains.Reference<IRouterRegistryGrain>(BoardKeys.Routers).Register(silo.SiloAddress, RouterReference());
            return true;
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            LogAnnounceFailed(ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing this silo's router to the registry failed; retrying.")]
    private partial void LogAnnounceFailed(Exception exception);

    /// <summary>One one-way call per owning grain with all of its live connections on this silo.</summary>
    internal async Task SendHeartbeatsAsync()
    {
        foreach (var (owner, connectionIds) in SnapshotByOwner())
        {
            try
            {
                var call = owner.Kind == OwnerKind.Agent
                    ? grains.GetAgent(owner.Id).Heartbeat(connectionIds)
                    : grains.GetCustomer(owner.Id).Heartbeat(connectionIds);
                await call;
            }
            catch (Exception ex) when (ex is not ObjectDisposedException)
            {
                LogHeartbeatFailed(ex, owner.Kind, owner.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat to {Kind} '{Id}' failed.")]
    private partial void LogHeartbeatFailed(Exception exception, OwnerKind kind, string id);
}
