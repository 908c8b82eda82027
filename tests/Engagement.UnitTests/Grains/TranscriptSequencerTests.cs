using Engagement.Sessions;

namespace Engagement.UnitTests.Grains;

public class TranscriptSequencerTests
{
    private static ChatMessage Msg(long seq, string? clientId = null) =>
        new("s_1", seq, MessageKind.Text, "v_1", ParticipantRole.Visitor, "V", $"m{seq}", DateTimeOffset.UnixEpoch.AddSeconds(seq), clientId);

    [Fact]
    public void Messages_are_released_in_sequence_order_even_when_commits_finish_out_of_order()
    {
        var s = new TranscriptSequencer([]);
        var (a, b, c) = (s.Next(), s.Next(), s.Next());
        Assert.Empty(s.Complete(c, Msg(c)));
        Assert.Empty(s.Complete(b, Msg(b)));
        Assert.Equal([1L, 2L, 3L], s.Complete(a, Msg(a)).Select(m => m.Seq));
        Assert.Equal(3, s.LastDurable);
    }

    [Fact]
    public void A_failed_append_leaves_a_gap_without_blocking_later_messages()
    {
        var s = new TranscriptSequencer([]);
        var (a, b) = (s.Next(), s.Next());
        Assert.Empty(s.Complete(b, Msg(b)));
        Assert.Equal([2L], s.Complete(a, null).Select(m => m.Seq));
    }

    [Fact]
    public void Resuming_continues_after_the_stored_tail()
    {
        var s = new TranscriptSequencer([Msg(1), Msg(2, "c-2")]);
        Assert.Equal(2, s.LastDurable);
        Assert.Equal(3, s.Next());
        Assert.True(s.TryGetAck("v_1", "c-2", out var ack));
        Assert.Equal(2, ack.Seq);
        Assert.True(ack.Duplicate);
    }

    [Fact]
    public void The_tail_answers_recent_resumes_and_defers_older_ones_to_the_store()
    {
        var s = new TranscriptSequencer(Enumerable.Range(1, 10).Select(i => Msg(i)).ToList(), tailCapacity: 5);
        for (var i = 0; i < 3; i++) { var seq = s.Next(); s.Complete(seq, Msg(seq)); }
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
        var seq = s.Next();
        s.Complete(seq, Msg(seq, "abc"));
        Assert.True(s.TryGetAck("v_1", "abc", out _));
        Assert.False(s.TryGetAck("agent-x", "abc", out _));
    }
}
