using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Engagement.Realtime;

/// <summary>
/// Tells whoever watches a silo when it leaves the cluster (shutting down, stopping or declared dead), as soon
/// as this silo's membership view says so. Agent and customer grains watch the silos that hold their client
/// connections, so they drop those connections at once instead of looking every second whether a silo left
/// (docs/architecture.md, "Presence"). One per silo; it reads <see cref="IClusterMembershipService.MembershipUpdates"/>.
/// The local silo is never watched: when it goes, its grains go with it.
/// </summary>
internal sealed partial class SiloDepartures(
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    ILogger<SiloDepartures> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<SiloAddress, ConcurrentDictionary<Watcher, byte>> _watches = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _listening = Task.CompletedTask;

    /// <summary>
    /// Calls <paramref name="left"/> once, from any thread, when <paramref name="silo"/> leaves (at once when it
    /// has left already). Dispose the result to stop watching.
    /// </summary>
    public IDisposable Watch(SiloAddress silo, Action left)
    {
        if (silo.Equals(localSilo.SiloAddress)) return NoWatch.Instance;
        var watch = new Watcher(this, silo, left);
        _watches.GetOrAdd(silo, _ => new()).TryAdd(watch, 0);
        // It may have left before the watch was in place; the once-only rule makes a double call harmless.
        if (HasLeft(membership.CurrentSnapshot.GetSiloStatus(silo))) watch.Fire();
        return watch;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloDepartures), ServiceLifecycleStage.ApplicationServices,
            _ => { _listening = Task.Run(ListenAsync); return Task.CompletedTask; },
            async _ => { _stopping.Cancel(); await _listening; });

    private static bool HasLeft(SiloStatus status) => status is SiloStatus.ShuttingDown or SiloStatus.Stopping or SiloStatus.Dead;

    private async Task ListenAsync()
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stopping.Token))
            {
                foreach (var (silo, member) in snapshot.Members)
                {
                    if (!HasLeft(member.Status) || !_watches.TryRemove(silo, out var watches)) continue;
                    LogSiloLeft(silo, member.Status, watches.Count);
                    foreach (var watch in watches.Keys) watch.Fire();
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Grains still drop a departed silo's connections when their leases lapse.
            LogListenFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} is {Status}: {Count} grain(s) drop its connections")]
    private partial void LogSiloLeft(SiloAddress silo, SiloStatus status, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopped following membership; departed silos' connections now go when their leases lapse")]
    private partial void LogListenFailed(Exception e);

    private sealed class Watcher(SiloDepartures owner, SiloAddress silo, Action left) : IDisposable
    {
        private int _done;

        public void Fire()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) left();
        }

        public void Dispose()
        {
            Interlocked.Exchange(ref _done, 1);
            if (owner._watches.TryGetValue(silo, out var watches)) watches.TryRemove(this, out _);
        }
    }

    private sealed class NoWatch : IDisposable
    {
        public static readonly NoWatch Instance = new();

        public void Dispose()
        {
        }
    }
}
