using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.Streams;

namespace Engagement.FunctionalTests.Cluster;

/// <summary>
/// Helpers for the live-context tests: publishing signals the way the API does (to the "context" stream of a
/// silo), a session accepted by an agent whose workspace connection is joined, the site-visitors watch group
/// on a recording router, and reading a grain's stored state straight from the storage provider.
/// </summary>
public sealed class ContextProbe(ClusterFixture cluster, Scenario scenario)
{
    public const string WatchGroup = "group:" + WatchGroups.SiteVisitors;

    public Task Publish(string customerId, params ContextSignal[] signals)
    {
        var client = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IClusterClient>();
        var stream = client.GetStreamProvider(ContextStreams.Provider).GetStream<ContextSignal>(StreamId.Create(ContextStreams.Namespace, customerId));
        return signals.Length == 1 ? stream.OnNextAsync(signals[0]) : stream.OnNextBatchAsync(signals);
    }

    public static ContextSignal Signal(string customerId, ContextSignalKind kind, string name, params (string Key, string Value)[] values) =>
        new(customerId, kind, name, values.ToDictionary(v => v.Key, v => v.Value), DateTimeOffset.UtcNow, "api:test");

    /// <summary>A session of <paramref name="visitorId"/> accepted by a new agent whose workspace is joined to it.</summary>
    public async Task<(string SessionId, string AgentId, ConnectionRef Workspace, RecordingRouter Events)> AcceptedSession(string visitorId)
    {
        var queue = await scenario.Queue();
        var agentId = await scenario.Agent(queue, "agent");
        var (workspace, events) = await scenario.ConnectAgent(agentId);
        var sessionId = Scenario.NewSessionId();
        await scenario.Grains.GetSession(sessionId).Start(Scenario.Visitor(visitorId), new StartSessionRequest(queue, "Help"));
        await events.WaitFor<SessionOffer>(workspace.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
        await scenario.Grains.GetAgent(agentId).Accept(sessionId);
        await scenario.Grains.GetSession(sessionId).Join(Caller.Agent(agentId), workspace, 0);
        return (sessionId, agentId, workspace, events);
    }

    /// <summary>
    /// Puts silo 0's recording router in the router registry and waits until board broadcasts reach it (the
    /// board caches the router list for a few seconds): probes with alerts until one arrives.
    /// </summary>
    public async Task<RecordingRouter> WatchSiteVisitors()
    {
        var (connection, router) = scenario.Connection(0, HubKind.Agent);
        await scenario.Grains.GetGrain<IRouterRegistryGrain>(GrainKeys.RouterRegistry).Register(connection.Silo, connection.Router);
        var probe = "probe-" + Guid.NewGuid().ToString("N")[..8];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!router.EventsFor(WatchGroup).Any(e => e.Payload is VisitorAlert { CustomerId: var id } && id == probe))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Board broadcasts never reached the recording router.");
            await scenario.Grains.GetGrain<ISiteVisitorsGrain>(GrainKeys.SiteVisitors)
                .Alert(new VisitorAlert(probe, null, "probe", "probe", "probe", null, DateTimeOffset.UtcNow));
            await Task.Delay(200);
        }
        return router;
    }

    /// <summary>The customer's context row as stored (what a new activation would read).</summary>
    public async Task<CustomerContextStateView> StoredContext(string customerId)
    {
        var services = cluster.Cluster.Silos[0].ServiceProvider;
        var storage = services.GetRequiredKeyedService<IGrainStorage>("store");
        var state = new GrainState<Engagement.Customers.CustomerContextState>();
        await storage.ReadStateAsync("customer-context", GrainId.Create("customer", GrainKeys.Customer(customerId)), state);
        return new CustomerContextStateView(state.RecordExists, state.State ?? new());
    }

    public sealed record CustomerContextStateView(bool Exists, Engagement.Customers.CustomerContextState State);
}
