using Orleans.Runtime;

namespace Engagement.FunctionalTests.Cluster;

/// <summary>
/// <see cref="GrainReferences.Reference{T}"/> (grain references without per-call type resolution) names the
/// same grain as Orleans' own GetGrain, for every interface, and the reference works.
/// </summary>
[Collection(ClusterCollection.Name)]
public class GrainReferencesTests(ClusterFixture cluster)
{
    [Fact]
    public void A_cached_reference_names_the_same_grain_and_interface_as_GetGrain()
    {
        var grains = cluster.Cluster.Client;
        AssertSame(grains.GetGrain<ISessionGrain>("sess:a"), grains.Reference<ISessionGrain>("sess:a"));
        AssertSame(grains.GetGrain<ISessionGrain>("sess:b"), grains.Reference<ISessionGrain>("sess:b"));
        AssertSame(grains.GetGrain<IAgentGrain>("agent:a"), grains.Reference<IAgentGrain>("agent:a"));
        AssertSame(grains.GetGrain<IDashboardGrain>(GrainKeys.Dashboard), grains.GetDashboard());
    }

    [Fact]
    public async Task A_cached_reference_reaches_its_grain()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice");
        var profile = await cluster.Cluster.Client.Reference<IAgentGrain>(GrainKeys.Agent(alice)).GetProfile();
        Assert.Equal(alice, profile?.AgentId);
    }

    private static void AssertSame(IAddressable expected, IAddressable actual)
    {
        Assert.Equal(expected.GetGrainId(), actual.GetGrainId());
        Assert.Equal(((GrainReference)expected).InterfaceType, ((GrainReference)actual).InterfaceType);
    }
}
