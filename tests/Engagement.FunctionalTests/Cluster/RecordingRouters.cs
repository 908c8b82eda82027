using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Engagement.FunctionalTests.Cluster;

/// <summary>
/// One <see cref="RecordingRouter"/> per silo of an in-process test cluster, standing in for that silo's hubs: made on
/// first use and kept by the silo's address, so a <see cref="Scenario"/> and the fixture see the same one.
/// </summary>
public sealed class RecordingRouters(Func<IReadOnlyList<InProcessSiloHandle>> silos)
{
    private readonly Dictionary<SiloAddress, (IConnectionRouter Router, RecordingRouter Recorder)> _routers = [];

    /// <summary>The router (and its recorder) of the silo at <paramref name="index"/> among the live silos.</summary>
    public (IConnectionRouter Router, RecordingRouter Recorder, SiloAddress Silo) On(int index)
    {
        var silo = silos()[index];
        lock (_routers)
        {
            if (!_routers.TryGetValue(silo.SiloAddress, out var entry))
            {
                var recorder = new RecordingRouter();
                var factory = silo.ServiceProvider.GetRequiredService<IGrainFactory>();
                _routers[silo.SiloAddress] = entry = (factory.CreateObjectReference<IConnectionRouter>(recorder), recorder);
            }
            return (entry.Router, entry.Recorder, silo.SiloAddress);
        }
    }
}
