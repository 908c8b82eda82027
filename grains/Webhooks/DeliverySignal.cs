using System.Threading.Channels;

namespace Engagement.Webhooks;

/// <summary>
/// Tells this silo's dispatcher that deliveries were just committed, so it claims them at once instead of at its
/// next poll (the other silos find them by polling). Waking is a bounded channel's try-write: no allocation, no wait.
/// </summary>
internal sealed class DeliverySignal
{
    private readonly Channel<bool> wakes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Wake() => wakes.Writer.TryWrite(true);

    /// <summary>Waits until woken or <paramref name="timeout"/> passes, whichever is first; consumes the wake.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (wakes.Reader.TryRead(out _)) return;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await wakes.Reader.WaitToReadAsync(timer.Token).ConfigureAwait(false);
            wakes.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed.
        }
    }
}
