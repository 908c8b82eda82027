namespace Engagement.LoadTests.Measurement;

/// <summary>A sender as the driver sees it: its message numbering and how many of its sends await acknowledgement.</summary>
internal sealed class SenderSlot(ILoadSender sender)
{
    private readonly Lock _order = new();
    private long _seq;
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    private long NextSeq() => Interlocked.Increment(ref _seq);

    public bool TryEnter(int max)
    {
        if (Interlocked.Increment(ref _inFlight) <= max) return true;
        Interlocked.Decrement(ref _inFlight);
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    /// <summary>
    /// Numbers and starts a send under a lock, so that with several sends in flight on one connection
    /// they leave in sequence order (the receiver checks continuity).
    /// </summary>
    public Task StartInOrder(long stamp, int size)
    {
        lock (_order)
        {
            var seq = NextSeq();
            return sender.SendAsync(seq, MessageStamp.Format(seq, stamp, size));
        }
    }
}
