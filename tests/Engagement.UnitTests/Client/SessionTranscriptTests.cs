using ClientMessage = Engagement.Client.ChatMessage;
using ClientTranscript = Engagement.Client.SessionTranscript;

namespace Engagement.UnitTests.Client;

/// <summary>
/// The .NET client's transcript with the sender's own messages coming in acknowledgements, not as events: they take
/// their place in seq order, and the client's check of the server's per-connection promise does not count them as gaps.
/// </summary>
public class SessionTranscriptTests
{
    private static ClientMessage Message(long seq) =>
        new("s_1", seq, "text", seq % 2 == 0 ? "v_1" : "agent", "visitor", "V", $"m{seq}", DateTimeOffset.UnixEpoch, null);

    private static (ClientTranscript Transcript, List<long> Delivered) Joined()
    {
        var delivered = new List<long>();
        var transcript = new ClientTranscript("s_1") { Delivered = (m, _) => delivered.Add(m.Seq) };
        transcript.BeginJoin("c");
        transcript.Joined("c", new Engagement.Client.JoinResult(new("s_1", "active", "v_1", "q", 1, "agent"), [Message(1)], false, 1));
        return (transcript, delivered);
    }

    [Fact]
    public void An_own_message_from_its_acknowledgement_is_delivered_in_order_and_is_no_gap()
    {
        var (transcript, delivered) = Joined();
        transcript.BeginSend();
        transcript.Acked("c", Message(2));
        transcript.EndSend();
        transcript.Live("c", Message(3));
        Assert.Equal([1L, 2L, 3L], delivered);
        Assert.Equal(0, transcript.OutOfOrder);
        Assert.Empty(transcript.Violations);
    }

    [Fact]
    public void A_live_message_that_overtakes_the_acknowledgement_waits_for_it_and_is_no_gap()
    {
        var (transcript, delivered) = Joined();
        transcript.Live("c", Message(3));
        transcript.BeginSend();
        Assert.False(transcript.HasGap); // the send in flight may fill it
        transcript.Live("c", Message(5));
        Assert.Equal([1L], delivered); // 3 and 5 are held until 2 and 4 come
        transcript.Acked("c", Message(2));
        transcript.EndSend();
        Assert.Equal([1L, 2L, 3L], delivered);
        transcript.BeginSend();
        transcript.Acked("c", Message(4));
        transcript.EndSend();
        Assert.Equal([1L, 2L, 3L, 4L, 5L], delivered);
        Assert.Equal(0, transcript.OutOfOrder);
        Assert.Equal(0, transcript.Duplicates);
    }

    [Fact]
    public void A_live_message_skipping_one_nobody_acknowledged_is_still_reported()
    {
        var (transcript, _) = Joined();
        transcript.Live("c", Message(2));
        transcript.Live("c", Message(4));
        Assert.Equal(1, transcript.OutOfOrder);
        Assert.True(transcript.HasGap);
    }
}
