namespace Engagement.LoadTests.Measurement;

/// <summary>
/// Checks one ordered stream (a session's transcript, a relay pair) for continuity: every sequence number
/// from 1 should arrive exactly once and in order. Counts duplicates and out-of-order arrivals as they
/// happen, and at the end how many of 1..expected never arrived.
/// </summary>
internal sealed class SeqTracker
{
    private readonly Lock _lock = new();
    private readonly SortedSet<long> _ahead = [];
    private long _contiguous;

    public long Duplicates { get; private set; }

    public long OutOfOrder { get; private set; }

    /// <summary>Highest sequence number seen so far.</summary>
    public long Highest { get; private set; }

    public void Observe(long seq)
    {
        lock (_lock)
        {
            if (seq <= _contiguous || _ahead.Contains(seq))
            {
                Duplicates++;
                return;
            }

            if (seq != _contiguous + 1) OutOfOrder++;
            Highest = Math.Max(Highest, seq);
            _ahead.Add(seq);
            while (_ahead.Remove(_contiguous + 1)) _contiguous++;
        }
    }

    /// <summary>How many of 1..<paramref name="expected"/> have not arrived.</summary>
    public long MissingUpTo(long expected)
    {
        lock (_lock)
        {
            var seen = Math.Min(_contiguous, expected) + _ahead.Count(s => s <= expected);
            return Math.Max(0, expected - seen);
        }
    }
}
