using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Engagement.Realtime;

/// <summary>
/// How grains reach client connections, one per silo: pushes to a connection's silo router (in-process when
/// the connection is held by this silo, one Orleans one-way call otherwise), broadcasts to every silo's watch
/// group, whether a connection's silo is gone, and the request that brings a grain's listeners back after it
/// (re)activates. Every silo's router is found through <see cref="IRouterRegistryGrain"/>, cached for a second:
/// a busy read-model grain does not ask on every event, and a silo that just announced itself is heard within a
/// second (an empty list is never cached).
/// </summary>
internal sealed partial class ClientPush(
    IGrainFactory grains,
    IClusterMembershipService membership,
    TimeProvider clock,
    ILogger<ClientPush> logger,
    ILocalConnectionRouter? local = null)
{
    private static readonly TimeSpan RouterCacheTime = TimeSpan.FromSeconds(1);
    private volatile RouterList _routers = new([], DateTimeOffset.MinValue);

    private sealed record RouterList(IConnectionRouter[] Routers, DateTimeOffset FetchedAt);

    /// <summary>Sends <paramref name="evt"/> to connections held by the silo of <paramref name="any"/> on its hub.</summary>
    public void Push(ConnectionRef any, string[] connectionIds, ClientEvent evt) =>
        RouterOf(any).Push(any.Hub, connectionIds, evt).Ignore();

    /// <summary>True once the silo holding a connection has left the cluster (or is leaving): its connections are gone.</summary>
    public bool IsGone(SiloAddress silo) =>
        membership.CurrentSnapshot.GetSiloStatus(silo) is SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping;

    /// <summary>Sends <paramref name="evt"/> to a watch group on every silo (each router fans out to its local SignalR group).</summary>
    public async Task BroadcastAsync(HubKind hub, string group, ClientEvent evt)
    {
        foreach (var router in await RoutersAsync()) router.Broadcast(hub, group, evt).Ignore();
    }

    /// <summary>
    /// Asks every silo to renew the leases its connections hold on <paramref name="listener"/>: a grain that
    /// (re)activated after a silo was lost, or after its directory entry was, gets its listeners back within
    /// one round trip. Never throws: the periodic renewal is the fallback.
    /// </summary>
    public async Task RequestRenewalsAsync(ListenerKey listener)
    {
        try
        {
            foreach (var router in await RoutersAsync()) router.Reannounce(listener).Ignore();
        }
        catch (Exception e)
        {
            LogRenewalRequestFailed(e, listener.Kind, listener.Id);
        }
    }

    /// <summary>
    /// How long a new activation of an agent or a customer waits for the silos' answers to <see cref="IConnectionRouter.Leases"/>
    /// before it answers anything: they come within a round trip, but a silo frozen and not yet declared dead answers
    /// nothing until it is (docs/operations.md, failure modes), and the grain must not wait that long.
    /// </summary>
    public static readonly TimeSpan ListenerRecoveryWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Brings a (re)activated agent's or customer's listeners back before it answers anything: asks every silo which
    /// of its connections hold a lease on <paramref name="listener"/> and hands each silo's answer to
    /// <paramref name="apply"/>, on the calling grain's scheduler. Returns once every silo has answered or after
    /// <see cref="ListenerRecoveryWait"/>; an answer that comes later is still applied, and the periodic renewal
    /// covers a silo that never answers. Never throws.
    /// </summary>
    public async Task RecoverListenersAsync(ListenerKey listener, Func<PresenceLease[], Task> apply)
    {
        IConnectionRouter[] routers;
        try
        {
            routers = await RoutersAsync();
        }
        catch (Exception e)
        {
            LogRenewalRequestFailed(e, listener.Kind, listener.Id);
            return;
        }
        async Task AskAsync(IConnectionRouter router)
        {
            PresenceLease[] leases;
            try
            {
                leases = await router.Leases(listener);
            }
            catch (Exception e)
            {
                LogRenewalRequestFailed(e, listener.Kind, listener.Id);
                return;
            }
            if (leases.Length > 0) await apply(leases);
        }
        var answers = Task.WhenAll(routers.Select(AskAsync).ToList());
        await Task.WhenAny(answers, Task.Delay(ListenerRecoveryWait, clock));
    }

    private IConnectionRouter RouterOf(ConnectionRef connection) =>
        local is not null && local.Silo.Equals(connection.Silo) ? local.Router : connection.Router;

    private async Task<IConnectionRouter[]> RoutersAsync()
    {
        var cached = _routers;
        if (cached.Routers.Length > 0 && clock.GetUtcNow() - cached.FetchedAt < RouterCacheTime) return cached.Routers;
        var routers = await grains.GetRouterRegistry().Routers();
        _routers = new RouterList(routers, clock.GetUtcNow());
        return routers;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask the silos to renew their leases on {Kind} '{Id}'; the periodic renewal will.")]
    private partial void LogRenewalRequestFailed(Exception exception, ListenerKind kind, string id);
}
