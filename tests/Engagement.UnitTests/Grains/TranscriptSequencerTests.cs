using Engagement.Sessions;

namespace Engagement.UnitTests.Grains;

public class TranscriptSequencerTests
{
    private static ChatMessage Msg(long seq, string? clientId = null) =>
        new("s_1", seq, MessageKind.Text, "v_1", ParticipantRole.Visitor, "V", $"m{seq}", DateTimeOffset.UnixEpoch.AddSeconds(seq), clientId);

    [Fact]
    public void Each_append_takes_the_seq_after_the_last_durable_one()
    {
        var s = new TranscriptSequencer([]);
        Assert.Equal(1, s.NextSeq);
        s.Committed(Msg(1));
        s.Committed(Msg(2));
        Assert.Equal(2, s.LastDurable);
        Assert.Equal(3, s.NextSeq);
    }

    [Fact]
    public void A_failed_append_gives_its_seq_to_the_next_message()
    {
        var s = new TranscriptSequencer([Msg(1)]);
        var attempted = s.NextSeq; // the store failed: nothing is committed
        Assert.Equal(attempted, s.NextSeq);
        s.Committed(Msg(attempted));
        Assert.Equal(2, s.LastDurable);
    }

    [Fact]
    public void Committing_out_of_turn_is_a_bug_and_fails()
    {
        var s = new TranscriptSequencer([]);
        Assert.Throws<InvalidOperationException>(() => s.Committed(Msg(2)));
    }

    [Fact]
    public void Resuming_continues_after_the_stored_tail()
    {
        var s = new TranscriptSequencer([Msg(2, "c-2"), Msg(1)]);
        Assert.Equal(2, s.LastDurable);
        Assert.Equal(3, s.NextSeq);
        Assert.True(s.TryGetAckedSeq("v_1", "c-2", out var seq));
        Assert.Equal(2, seq);
    }

    [Fact]
    public void Adopting_what_the_store_holds_returns_only_what_was_unknown_in_order()
    {
        var s = new TranscriptSequencer([Msg(1)]);
        var found = s.Adopt([Msg(3, "late"), Msg(1), Msg(2)]);
        Assert.Equal([2L, 3L], found.Select(m => m.Seq));
        Assert.Equal(3, s.LastDurable);
        Assert.True(s.TryGetAckedSeq("v_1", "late", out var seq));
        Assert.Equal(3, seq);
    }

    [Fact]
    public void The_tail_answers_recent_resumes_and_defers_older_ones_to_the_store()
    {
        var s = new TranscriptSequencer(Enumerable.Range(1, 10).Select(i => Msg(i)).ToList(), tailCapacity: 5);
        for (var i = 0; i < 3; i++) s.Committed(Msg(s.NextSeq));
        Assert.True(s.TryReadTail(10, out var recent));
        Assert.Equal([11L, 12L, 13L], recent.Select(m => m.Seq));
        Assert.True(s.TryReadTail(13, out var none));
        Assert.Empty(none);
        Assert.False(s.TryReadTail(2, out _));
    }

    [Fact]
    public void Client_message_ids_are_remembered_per_sender()
    {
        var s = new TranscriptSequencer([]);
        s.Committed(Msg(1, "abc"));
        Assert.True(s.TryGetAckedSeq("v_1", "abc", out _));
        Assert.False(s.TryGetAckedSeq("agent-x", "abc", out _));
    }
}
