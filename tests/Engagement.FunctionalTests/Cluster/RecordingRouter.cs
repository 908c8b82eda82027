using System.Collections.Concurrent;

namespace Engagement.FunctionalTests.Cluster;

/// <summary>
/// A connection router that records what grains push, standing in for the SignalR hubs of one silo in
/// cluster tests (the SignalR router itself is exercised end to end against a running silo).
/// </summary>
public sealed class RecordingRouter : IConnectionRouter
{
    private readonly ConcurrentQueue<(HubKind Hub, string ConnectionId, ClientEvent Event)> _events = new();

    public Task Push(HubKind hub, string[] connectionIds, ClientEvent evt)
    {
        foreach (var id in connectionIds) _events.Enqueue((hub, id, evt));
        return Task.CompletedTask;
    }

    public Task Broadcast(HubKind hub, string group, ClientEvent evt)
    {
        _events.Enqueue((hub, "group:" + group, evt));
        return Task.CompletedTask;
    }

    /// <summary>What the silo does when a grain asks for its listeners' leases (the test scenario renews them).</summary>
    public Action<ListenerKey>? OnReannounce { get; set; }

    public Task Reannounce(ListenerKey listener)
    {
        OnReannounce?.Invoke(listener);
        return Task.CompletedTask;
    }

    /// <summary>A new agent or customer activation asks for its leases; the test scenario renews them instead (none here).</summary>
    public Task<PresenceLease[]> Leases(ListenerKey listener) => Task.FromResult<PresenceLease[]>([]);

    public IEnumerable<ClientEvent> EventsFor(string connectionId) =>
        _events.Where(e => e.ConnectionId == connectionId).Select(e => e.Event);

    /// <summary>Waits until the connection received an event of that name whose payload matches.</summary>
    public async Task<T> WaitFor<T>(string connectionId, string name, Func<T, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var hit = EventsFor(connectionId).Where(e => e.Name == name).Select(e => e.Payload).OfType<T>().FirstOrDefault(p => match?.Invoke(p) ?? true);
            if (hit is not null) return hit;
            await Task.Delay(20);
        }
        throw new TimeoutException($"Connection {connectionId} received no '{name}' event that matched.");
    }
}
