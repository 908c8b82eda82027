namespace Engagement.UnitTests.Grains;

/// <summary>
/// Who reads which transcript entries (docs/protocol.md, "Agent hub: supervision" and the Resume rule): staff all of
/// them; a visitor never a whisper or a staff line, and what it reads is chained by precededBy across the skipped seqs.
/// </summary>
public class MessageAudienceTests
{
    private static ChatMessage Entry(long seq, MessageKind kind) =>
        new("s_1", seq, kind, kind == MessageKind.Text ? "alice" : "system", ParticipantRole.Agent, "Alice", $"e{seq}", DateTimeOffset.UnixEpoch, null);

    private static readonly ChatMessage[] Entries =
        [Entry(3, MessageKind.Text), Entry(4, MessageKind.StaffEvent), Entry(5, MessageKind.Whisper), Entry(6, MessageKind.Event), Entry(7, MessageKind.Text)];

    [Fact]
    public void Staff_read_every_entry_as_it_is()
    {
        Assert.Same(Entries, MessageAudience.For(Caller.Agent("alice"), Entries, 2));
        Assert.Same(Entries, MessageAudience.For(new Caller(CallerKind.Supervisor, "sam"), Entries, 2));
    }

    [Fact]
    public void A_visitor_reads_no_staff_only_entry_and_each_one_it_reads_names_the_one_before()
    {
        var read = MessageAudience.For(Caller.Visitor("v_1"), Entries, 2);
        Assert.Equal([3L, 6L, 7L], read.Select(m => m.Seq));
        Assert.Equal([2L, 3L, 6L], read.Select(m => m.PrecededBy!.Value));
        Assert.Equal([3L, 6L, 7L], MessageAudience.ForCustomer(Entries).Select(m => m.Seq));
    }

    [Fact]
    public void An_api_channel_or_any_other_non_staff_caller_is_a_visitor_here()
    {
        Assert.False(MessageAudience.MayRead(Caller.System("mail"), Entries[2]));
        Assert.True(MessageAudience.MayRead(Caller.System("mail"), Entries[0]));
    }
}
