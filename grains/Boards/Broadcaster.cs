namespace Engagement.Boards;

/// <summary>
/// Sends an event to a watch group on every silo: one one-way call per silo's router, which then fans out
/// to its local SignalR group. The router list is cached for a second, so a busy board grain does not ask the
/// registry on every event, yet a silo that just joined hears from the boards within about a second of
/// announcing its router; an empty list is never cached. Lives inside a grain activation (not thread-safe).
/// </summary>
internal sealed class Broadcaster(IGrainFactory grains, TimeProvider clock)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);
    private IConnectionRouter[] _routers = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public async Task SendAsync(HubKind hub, string group, ClientEvent evt)
    {
        if (_routers.Length == 0 || clock.GetUtcNow() - _fetchedAt > Refresh)
        {
            _routers = await grains.Reference<IRouterRegistryGrain>(BoardKeys.Routers).Routers();
            _fetchedAt = clock.GetUtcNow();
        }
        foreach (var router in _routers) router.Broadcast(hub, group, evt).Ignore();
    }
}
