namespace Engagement.Realtime;

/// <summary>
/// Remembers each silo's connection router, persisted so that a new activation (its silo died, or its directory
/// entry did) knows every router at once: board broadcasts and grains asking for their listeners must not miss a
/// silo while announcements trickle in. Silos re-announce every 30 s and on every membership change; routers of
/// silos that left the cluster, or went silent for three announcements, are forgotten. Written only when a silo
/// appears or goes.
/// </summary>
[GrainType("router-registry")]
internal sealed class RouterRegistryGrain(
    [PersistentState("router-registry", "store")] IPersistentState<RouterRegistryState> state,
    ClientPush push,
    TimeProvider clock) : Grain, IRouterRegistryGrain
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(95);
    private readonly Dictionary<SiloAddress, DateTimeOffset> _seenAt = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Loaded routers get a full expiry window: their silos re-announce within it if they are alive.
        foreach (var silo in state.State.Routers.Keys) _seenAt[silo] = clock.GetUtcNow();
        return Task.CompletedTask;
    }

    public async Task Register(SiloAddress silo, IConnectionRouter router)
    {
        _seenAt[silo] = clock.GetUtcNow();
        if (state.State.Routers.TryGetValue(silo, out var known) && known.Equals(router)) return;
        state.State.Routers[silo] = router;
        await state.WriteStateAsync();
    }

    public async Task<IConnectionRouter[]> Routers()
    {
        var now = clock.GetUtcNow();
        var gone = state.State.Routers.Keys
            .Where(silo => push.IsGone(silo) || now - _seenAt.GetValueOrDefault(silo, now) > Expiry)
            .ToList();
        if (gone.Count > 0)
        {
            foreach (var silo in gone)
            {
                state.State.Routers.Remove(silo);
                _seenAt.Remove(silo);
            }
            await state.WriteStateAsync();
        }
        return state.State.Routers.Values.ToArray();
    }
}

/// <summary>Persisted routers of the silos that announced themselves.</summary>
[GenerateSerializer, Alias("engagement.router-registry-state")]
public sealed class RouterRegistryState
{
    [Id(0)] public Dictionary<SiloAddress, IConnectionRouter> Routers { get; set; } = [];
}
