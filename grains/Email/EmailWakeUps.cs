namespace Engagement.Email;

/// <summary>
/// Wakes this silo's sender and processor when work arrives here (an enqueue, a stored mail), so it goes out at once;
/// work arriving on other silos is found by their polls (<see cref="OutboxOptions.PollInterval"/>).
/// </summary>
public sealed class EmailWakeUps
{
    public WakeUp Outbox { get; } = new();
    public WakeUp Inbound { get; } = new();
}

/// <summary>A latch: any number of wakes before a wait make that wait return at once, once.</summary>
public sealed class WakeUp
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Wake()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already set: the next wait returns at once either way.
        }
    }

    /// <summary>Returns when woken or after <paramref name="timeout"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
