using Orleans.Runtime;

namespace Engagement.Connections;

/// <summary>Answers "is this silo still in the cluster?" from the membership snapshot, so grains drop connections of dead silos.</summary>
internal static class ClusterLiveness
{
    public static Func<SiloAddress, bool> From(IClusterMembershipService membership)
    {
        var snapshot = membership.CurrentSnapshot;
        return silo => snapshot.GetSiloStatus(silo) is not (SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping);
    }
}
