namespace Engagement.Boards;

/// <summary>
/// Sends an event to a watch group on every silo: one one-way call per silo's router, which then fans out
/// to its local SignalR group. The router list is cached for a few seconds, so a busy board grain does not
/// ask the registry on every event. Lives inside a grain activation (not thread-safe).
/// </summary>
internal sealed class Broadcaster(IGrainFactory grains, TimeProvider clock)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);
    private IConnectionRouter[] _routers = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public async Task SendAsync(HubKind hub, string group, ClientEvent evt)
    {
        if (clock.GetUtcNow() - _fetchedAt > Refresh)
        {
            _routers = await grains.GetGrain<IRouterRegistryGrain>(BoardKeys.Routers).Routers();
            _fetchedAt = clock.GetUtcNow();
        }
        foreach (var router in _routers) router.Broadcast(hub, group, evt).Ignore();
    }
}
