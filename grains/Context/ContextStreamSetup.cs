using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Streams;

namespace Engagement.Context;

/// <summary>
/// The context stream provider, shared by the silo and the test clusters so both run the same settings:
/// Orleans' ADO.NET persistent streams on PostgreSQL (our own schema and queries, grains/Storage/Sql/006), so a
/// signal accepted by the API is a committed row until a customer grain has consumed it, whichever silo dies;
/// implicit subscriptions only (CustomerGrain subscribes by namespace, so no pub-sub rendezvous grain or storage
/// write per new stream), polled every <see cref="ContextOptions.StreamPollInterval"/>; and the mapper from a
/// stream's customer id to the customer grain's key. Delivery is at least once: the consumer is idempotent.
/// </summary>
public static class ContextStreamSetup
{
    /// <param name="orleansConnectionString">PostgreSQL, with the orleans schema on the search path (the provider reads <c>orleansquery</c> unqualified).</param>
    public static ISiloBuilder AddContextStreams(this ISiloBuilder silo, string orleansConnectionString)
    {
        silo.Services.AddKeyedSingleton<IStreamIdMapper, CustomerStreamIdMapper>(CustomerStreamIdMapper.Name);
        silo.AddAdoNetStreams(ContextStreams.Provider, streams =>
        {
            streams.ConfigureAdoNet(adoNet => adoNet.Configure<IOptions<ContextOptions>>((o, context) =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = StreamConnectionString(orleansConnectionString, context.Value.StreamSynchronousCommit);
                o.VisibilityTimeout = context.Value.StreamVisibilityTimeout;
                o.MaxAttempts = context.Value.StreamMaxAttempts;
                o.ExpiryTimeout = context.Value.StreamExpiry;
                o.DeadLetterEvictionTimeout = context.Value.StreamDeadLetterRetention;
            }));
            streams.Configure<HashRingStreamQueueMapperOptions>(queues => queues.Configure<IOptions<ContextOptions>>(
                (o, context) => o.TotalQueueCount = context.Value.StreamQueues));
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePullingAgent(agent => agent.Configure<IOptions<ContextOptions>>(
                (pulling, context) => pulling.GetQueueMsgsTimerPeriod = context.Value.StreamPollInterval));
        });
        return silo;
    }

    /// <summary>
    /// The stream's own connection settings. Every queue is polled 50 times a second with the same few statements, and
    /// planning the poll's CTEs took about three times as long as running them: Npgsql prepares them on each pooled
    /// connection after two uses. The provider leaves no session state behind, so a connection going back to the
    /// pool needs no reset (which would ride along with every next statement). Without synchronous commit
    /// (<see cref="ContextOptions.StreamSynchronousCommit"/>) the stream's transactions do not wait for the WAL flush.
    /// </summary>
    public static string StreamConnectionString(string orleansConnectionString, bool synchronousCommit) =>
        new NpgsqlConnectionStringBuilder(orleansConnectionString)
        {
            MaxAutoPrepare = 16,
            AutoPrepareMinUsages = 2,
            NoResetOnClose = true,
            Options = synchronousCommit ? null : "-c synchronous_commit=off",
        }.ConnectionString;
}
