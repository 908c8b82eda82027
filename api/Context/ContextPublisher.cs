using Orleans.Streams;

namespace Engagement.Api.Context;

/// <summary>
/// Publishes context signals to the customer's stream (provider "context", key = customer id), where the
/// customer grain consumes them. A batch goes as one stream item batch: one enqueue, delivered together.
/// </summary>
public sealed class ContextPublisher(IClusterClient client)
{
    private IStreamProvider? _provider;

    public Task PublishAsync(string customerId, IReadOnlyList<ContextSignal> signals)
    {
        if (signals.Count == 0) return Task.CompletedTask;
        _provider ??= client.GetStreamProvider(ContextStreams.Provider);
        var stream = _provider.GetStream<ContextSignal>(StreamId.Create(ContextStreams.Namespace, customerId));
        return signals.Count == 1 ? stream.OnNextAsync(signals[0]) : stream.OnNextBatchAsync(signals);
    }
}
