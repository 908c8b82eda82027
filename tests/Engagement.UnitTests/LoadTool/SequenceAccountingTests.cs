using Engagement.LoadTests.Measurement;

namespace Engagement.UnitTests.LoadTool;

/// <summary>Loss and order accounting of one stream (a relay pair, a chat session's transcript).</summary>
public class SequenceAccountingTests
{
    [Fact]
    public void A_stream_in_order_has_no_loss_duplicates_or_reordering()
    {
        var tracker = new SeqTracker();
        for (var seq = 1; seq <= 100; seq++) tracker.Observe(seq);

        Assert.Equal((0L, 0L, 0L, 100L), (tracker.MissingUpTo(100), tracker.Duplicates, tracker.OutOfOrder, tracker.Highest));
    }

    [Fact]
    public void Gaps_count_as_lost_only_up_to_what_was_acknowledged()
    {
        var tracker = new SeqTracker();
        foreach (var seq in new long[] { 1, 2, 4, 7 }) tracker.Observe(seq);

        Assert.Equal(3, tracker.MissingUpTo(7)); // 3, 5, 6
        Assert.Equal(1, tracker.MissingUpTo(4)); // 3; 5 and 6 may still be on their way
        Assert.Equal(5, tracker.MissingUpTo(9)); // 8 and 9 were acknowledged and never came
    }

    [Fact]
    public void Duplicates_and_out_of_order_arrivals_are_counted_apart_and_a_late_one_fills_its_gap()
    {
        var tracker = new SeqTracker();
        foreach (var seq in new long[] { 1, 3, 2, 2, 4, 1 }) tracker.Observe(seq);

        Assert.Equal(2, tracker.Duplicates);
        Assert.Equal(1, tracker.OutOfOrder); // 3 came before 2
        Assert.Equal(0, tracker.MissingUpTo(4));
    }

    [Fact]
    public void The_timeline_counts_sends_arrivals_and_errors_in_their_own_seconds_and_phases()
    {
        var clock = new RunClock(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        clock.Begin();
        var timeline = new SecondTimeline();
        timeline.Begin(clock.Start);
        long At(double seconds) => clock.Start + (long)(seconds * System.Diagnostics.Stopwatch.Frequency);

        timeline.OnSent(At(0.5));
        timeline.OnSent(At(1.5));
        timeline.OnDelivered(At(1.5), At(2.2)); // sent in second 1, arrived in second 2
        timeline.OnError(At(3.1));

        var rows = timeline.Rows(clock);
        Assert.Equal([0, 1, 2, 3], rows.Select(r => r.Second));
        Assert.Equal(["warmup", "window", "window", "drain"], rows.Select(r => r.Phase));
        Assert.Equal([1L, 1, 0, 0], rows.Select(r => r.Sent));
        Assert.Equal([0L, 0, 1, 0], rows.Select(r => r.Arrived));
        Assert.Equal([0L, 0, 0, 1], rows.Select(r => r.Errors));
        Assert.InRange(rows[1].DeliveryP50Ms!.Value, 695, 705);
        Assert.Null(rows[0].DeliveryP50Ms);
    }
}
