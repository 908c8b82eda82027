namespace Engagement;

/// <summary>
/// One node as the cluster view sees it: its own figures and its drain, asked from any node. Keyed by
/// <see cref="GrainKeys.Node"/> of its silo's address and placed on that silo alone (api/Cluster/SiloPinnedPlacement.cs),
/// so a call reaches the node it names or fails; the figures say which silo answered.
/// </summary>
[Alias("engagement.INodeGrain")]
public interface INodeGrain : IGrainWithStringKey
{
    /// <summary>This node's live client connections and whether it drains.</summary>
    Task<NodeFigures> GetFigures();

    /// <summary>Starts this node's drain (after which it stops); false when it was already draining.</summary>
    Task<bool> Drain();
}

/// <summary>A node's own figures, which Orleans does not know: its hub connections and its drain.</summary>
/// <param name="Silo">The silo that answered (<c>SiloAddress.ToParsableString</c>).</param>
/// <param name="CloseAt">While draining: when the connections still here will be closed.</param>
[GenerateSerializer, Immutable, Alias("engagement.node-figures")]
public sealed record NodeFigures(
    [property: Id(0)] string Silo,
    [property: Id(1)] int VisitorConnections,
    [property: Id(2)] int AgentConnections,
    [property: Id(3)] bool Draining,
    [property: Id(4)] DateTimeOffset? CloseAt);
