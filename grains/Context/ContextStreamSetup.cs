using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Streams;

namespace Engagement.Context;

/// <summary>
/// The context stream provider, shared by the silo and the test clusters so both run the same settings:
/// Orleans memory streams, implicit subscriptions only (CustomerGrain subscribes by namespace, so no
/// pub-sub rendezvous grain or storage write per new stream), polled every <see cref="ContextOptions.StreamPollInterval"/>,
/// and the mapper from a stream's customer id to the customer grain's key.
/// </summary>
public static class ContextStreamSetup
{
    public static ISiloBuilder AddContextStreams(this ISiloBuilder silo)
    {
        silo.Services.AddKeyedSingleton<IStreamIdMapper, CustomerStreamIdMapper>(CustomerStreamIdMapper.Name);
        silo.AddMemoryStreams(ContextStreams.Provider, streams =>
        {
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePullingAgent(agent => agent.Configure<IOptions<ContextOptions>>(
                (pulling, context) => pulling.GetQueueMsgsTimerPeriod = context.Value.StreamPollInterval));
        });
        return silo;
    }
}
