using Engagement.Api.Drain;
using Engagement.Api.Realtime;
using Orleans.Concurrency;
using Orleans.Placement;

namespace Engagement.Api.Cluster;

/// <summary>
/// A node's own figures and its drain, for the cluster view on any node. It lives in the API, not in grains/, because
/// what it reads is the API's (the hub connections, the drain). Pinned to its silo (<see cref="SiloPinnedPlacement"/>)
/// and never moved by the rebalancer; it holds no state, so an idle one is simply collected.
/// </summary>
[SiloPinnedPlacement, Immovable, Reentrant]
internal sealed class NodeGrain(ClientConnections connections, DrainState drain, NodeDrain node) : Grain, INodeGrain
{
    public Task<NodeFigures> GetFigures() => Task.FromResult(new NodeFigures(
        connections.Silo.ToParsableString(),
        connections.CountOf(HubKind.Visitor),
        connections.CountOf(HubKind.Agent),
        drain.IsDraining,
        drain.CloseAt));

    public Task<bool> Drain() => Task.FromResult(node.TryDrainThenStop());
}
