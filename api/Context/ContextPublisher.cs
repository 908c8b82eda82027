using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Engagement.Api.Context;

/// <summary>
/// Publishes context signals to the customer's stream (provider "context", key = customer id), where the customer
/// grain consumes them. A batch goes as one stream item batch: one enqueue, one row in PostgreSQL, delivered
/// together; the returned task completes once that row is committed, so a caller that answers after it (the
/// ingestion endpoint's 202) has handed the signals to something that survives any silo. With
/// <see cref="ContextPublisherOptions.DirectDelivery"/> the batch also goes straight to the customer grain first
/// (one-way): the fast path for the agent's screen, which the stream's own delivery then finds already applied.
/// </summary>
public sealed class ContextPublisher(IClusterClient client, IOptions<ContextPublisherOptions> options)
{
    private IStreamProvider? _provider;

    public Task PublishAsync(string customerId, IReadOnlyList<ContextSignal> signals)
    {
        if (signals.Count == 0) return Task.CompletedTask;
        ContextMetrics.Signals.Add(signals.Count);
        if (options.Value.DirectDelivery) client.GetCustomer(customerId).ApplyContext([.. signals]).Ignore();
        _provider ??= client.GetStreamProvider(ContextStreams.Provider);
        var stream = _provider.GetStream<ContextSignal>(StreamId.Create(ContextStreams.Namespace, customerId));
        return signals.Count == 1 ? stream.OnNextAsync(signals[0]) : stream.OnNextBatchAsync(signals);
    }
}
