using Engagement.Connections;

namespace Engagement.Boards;

/// <summary>
/// Remembers each silo's connection router (in memory: silos re-announce every 30 s, so a new activation
/// is complete again within that). Routers of silos that left the cluster, or went silent for three
/// announcements, are forgotten.
/// </summary>
[GrainType("router-registry")]
internal sealed class RouterRegistryGrain(IClusterMembershipService membership, TimeProvider clock) : Grain, IRouterRegistryGrain
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(95);
    private readonly Dictionary<SiloAddress, (IConnectionRouter Router, DateTimeOffset SeenAt)> _routers = [];

    public Task Register(SiloAddress silo, IConnectionRouter router)
    {
        _routers[silo] = (router, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<IConnectionRouter[]> Routers()
    {
        var alive = ClusterLiveness.From(membership);
        var now = clock.GetUtcNow();
        foreach (var gone in _routers.Where(r => !alive(r.Key) || now - r.Value.SeenAt > Expiry).Select(r => r.Key).ToList())
            _routers.Remove(gone);
        return Task.FromResult(_routers.Values.Select(r => r.Router).ToArray());
    }
}
