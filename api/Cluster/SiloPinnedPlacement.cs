using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Engagement.Api.Cluster;

/// <summary>
/// Places a grain on the silo its key names (<see cref="GrainKeys.Node"/>): the way one node reaches another
/// node's own state (<see cref="NodeGrain"/>). Orleans has no public per-silo target for application code; this is
/// its documented extension point, a placement strategy with its director. A silo that is not active (stopping,
/// dead, unknown) cannot be chosen, and the call fails instead of landing elsewhere.
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("engagement.silo-pinned-placement")]
public sealed class SiloPinnedPlacement : PlacementStrategy
{
    public static SiloPinnedPlacement Instance { get; } = new();
}

/// <summary>Marks a grain class as placed by <see cref="SiloPinnedPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloPinnedPlacementAttribute() : PlacementAttribute(SiloPinnedPlacement.Instance);

/// <summary>Chooses the silo whose address the grain's key carries, if it is among the compatible ones.</summary>
internal sealed class SiloPinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silo = SiloOf(target.GrainIdentity.Key.ToString()!);
        return silo is not null && context.GetCompatibleSilos(target).Contains(silo)
            ? Task.FromResult(silo)
            : throw new SiloUnavailableException($"No active silo {GrainKeys.IdOf(target.GrainIdentity.Key.ToString()!)} to place the grain on.");
    }

    /// <summary>The silo a node grain's key names; null when it names none.</summary>
    public static SiloAddress? SiloOf(string grainKey)
    {
        if (!grainKey.StartsWith(GrainKeys.NodePrefix, StringComparison.Ordinal)) return null;
        try
        {
            return SiloAddress.FromParsableString(grainKey[GrainKeys.NodePrefix.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
