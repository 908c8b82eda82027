namespace Engagement;

/// <summary>
/// Every silo's connection router, so the read-model grains can broadcast to all silos (one one-way call each,
/// then SignalR fans out to the silo's local group). Key: <see cref="GrainKeys.RouterRegistry"/>.
/// </summary>
[Alias("engagement.IRouterRegistryGrain")]
public interface IRouterRegistryGrain : IGrainWithStringKey
{
    /// <summary>A silo announces (and periodically refreshes) its router.</summary>
    [Alias("register")]
    Task Register(SiloAddress silo, IConnectionRouter router);

    /// <summary>The routers of the silos that registered recently and are still in the cluster.</summary>
    [Alias("routers"), ReadOnly]
    Task<IConnectionRouter[]> Routers();
}
