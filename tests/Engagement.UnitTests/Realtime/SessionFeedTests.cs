using System.Collections.Concurrent;
using System.Net;
using Engagement.Api.Realtime;

namespace Engagement.UnitTests.Realtime;

/// <summary>
/// The per-connection order guarantee: whatever order, repetition or gaps the pushes of a session arrive with,
/// each connection is sent its messages as 1, 2, 3, … with nothing skipped and nothing twice.
/// </summary>
public class SessionFeedTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;
    private static readonly TimeSpan FillEvery = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SkipAfter = TimeSpan.FromSeconds(10);

    private sealed class RecordingSend : IClientSend
    {
        public ConcurrentDictionary<string, List<long>> Sent { get; } = new();

        public void Send(HubKind hub, string connectionId, ClientEvent evt)
        {
            var list = Sent.GetOrAdd(connectionId, _ => []);
            lock (list) list.Add(((ChatMessage)evt.Payload).Seq);
        }

        public long[] To(string connectionId) => Sent.TryGetValue(connectionId, out var list) ? [.. list] : [];
    }

    private static LiveConnection Connection(string id) => new(
        new ConnectionRef(id, HubKind.Visitor, null!, SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1)),
        Caller.Visitor("v_1"), new ListenerKey(ListenerKind.Customer, "v_1"), null, () => { });

    private static ClientEvent Message(long seq) =>
        ClientEvent.Message(new ChatMessage("s_1", seq, MessageKind.Text, "v_1", ParticipantRole.Visitor, "V", $"m{seq}", T0, null));

    private static (SessionFeed Feed, RecordingSend Send) Joined(params string[] connectionIds)
    {
        var feed = new SessionFeed("s_1");
        var send = new RecordingSend();
        foreach (var id in connectionIds)
        {
            feed.BeginJoin(Connection(id));
            feed.Joined(id, 0, send, T0);
        }
        return (feed, send);
    }

    private static List<string>? Deliver(SessionFeed feed, RecordingSend send, long seq, params string[] to) =>
        feed.Deliver(send, HubKind.Visitor, to, Message(seq), seq, T0);

    [Fact]
    public void A_visitor_connection_passes_over_staff_only_entries_with_no_gap_to_wait_on()
    {
        var feed = new SessionFeed("s_1");
        var send = new RecordingSend();
        var staff = new LiveConnection(
            new ConnectionRef("agent", HubKind.Agent, null!, SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1)),
            Caller.Agent("alice"), new ListenerKey(ListenerKind.Agent, "alice"), null, () => { });
        foreach (var connection in new[] { Connection("visitor"), staff })
        {
            feed.BeginJoin(connection);
            feed.Joined(connection.Id, 0, send, T0);
        }
        var whisper = ClientEvent.Message(new ChatMessage("s_1", 2, MessageKind.Whisper, "sam", ParticipantRole.Agent, "Sam", "psst", T0, null));
        Assert.Null(Deliver(feed, send, 1, "visitor", "agent"));
        Assert.Null(feed.Deliver(send, HubKind.Visitor, ["visitor", "agent"], whisper, 2, T0));
        Assert.Null(Deliver(feed, send, 3, "visitor", "agent"));
        Assert.Equal([1L, 3L], send.To("visitor"));
        Assert.Equal([1L, 2L, 3L], send.To("agent"));
        Assert.False(feed.HasGap("visitor"));
    }

    [Fact]
    public void The_sending_connection_is_passed_over_and_still_gets_what_follows()
    {
        var (feed, send) = Joined("sender", "other");
        Assert.Null(Deliver(feed, send, 1, "sender", "other"));
        Assert.Null(feed.Deliver(send, HubKind.Visitor, ["sender", "other"], Message(2).Except("sender"), 2, T0));
        Assert.Null(Deliver(feed, send, 3, "sender", "other"));
        Assert.Equal([1L, 3L], send.To("sender"));
        Assert.Equal([1L, 2L, 3L], send.To("other"));
    }

    [Fact]
    public void A_message_the_connection_was_acknowledged_is_passed_over_when_a_fill_brings_it_later()
    {
        var (feed, send) = Joined("sender");
        Assert.Null(Deliver(feed, send, 1, "sender"));
        // The session moved: seq 2's event never came; its acknowledgement did, then a fill brings 2 and 3 without naming the sender.
        feed.Acked("sender", 2);
        Assert.NotNull(Deliver(feed, send, 3, "sender"));
        Assert.Null(Deliver(feed, send, 2, "sender"));
        Assert.Equal([1L, 3L], send.To("sender"));
        Assert.Null(Deliver(feed, send, 4, "sender"));
        Assert.Equal([1L, 3L, 4L], send.To("sender"));
    }

    [Fact]
    public void Messages_in_order_go_straight_through()
    {
        var (feed, send) = Joined("a", "b");
        for (var seq = 1; seq <= 3; seq++) Assert.Null(Deliver(feed, send, seq, "a", "b"));
        Assert.Equal([1L, 2L, 3L], send.To("a"));
        Assert.Equal([1L, 2L, 3L], send.To("b"));
    }

    [Fact]
    public void An_early_message_waits_for_the_one_before_it()
    {
        var (feed, send) = Joined("a");
        Deliver(feed, send, 1, "a");
        Assert.Equal(["a"], Deliver(feed, send, 3, "a")!);
        Assert.Equal([1L], send.To("a"));
        Assert.True(feed.HasGap("a"));
        Deliver(feed, send, 2, "a");
        Assert.Equal([1L, 2L, 3L], send.To("a"));
        Assert.False(feed.HasGap("a"));
    }

    [Fact]
    public void A_message_sent_twice_reaches_the_connection_once()
    {
        var (feed, send) = Joined("a");
        foreach (var seq in new long[] { 1, 2, 2, 1, 3, 2 }) Deliver(feed, send, seq, "a");
        Assert.Equal([1L, 2L, 3L], send.To("a"));
    }

    [Fact]
    public void A_rejoin_on_a_connection_already_receiving_holds_nothing_and_only_moves_the_cursor_forward()
    {
        var (feed, send) = Joined("a");
        Deliver(feed, send, 1, "a");
        feed.BeginJoin(Connection("a")); // e.g. a join stuck on a failing node, then another
        feed.BeginJoin(Connection("a"));
        Deliver(feed, send, 2, "a");
        Assert.False(feed.Joined("a", 4, send, T0)); // the second join's reply carried 3 and 4
        feed.JoinFailed("a"); // the first never answers
        Deliver(feed, send, 3, "a");
        Deliver(feed, send, 5, "a");
        Assert.Equal([1L, 2L, 5L], send.To("a"));
        Assert.Equal(5, feed.Leases().Single().Cursor);
    }

    [Fact]
    public void While_a_join_is_in_flight_live_messages_wait_and_continue_after_the_reply()
    {
        var feed = new SessionFeed("s_1");
        var send = new RecordingSend();
        feed.BeginJoin(Connection("a"));
        foreach (var seq in new long[] { 3, 4, 2 }) Deliver(feed, send, seq, "a");
        Assert.Empty(send.To("a"));
        // The reply carried messages up to 2: live delivery goes on with 3.
        Assert.False(feed.Joined("a", 2, send, T0));
        Assert.Equal([3L, 4L], send.To("a"));
    }

    [Fact]
    public void A_gap_asks_the_session_for_the_missing_messages_from_the_cursor()
    {
        var (feed, send) = Joined("a");
        Deliver(feed, send, 1, "a");
        Deliver(feed, send, 4, "a");
        Assert.Equal(SessionFeed.GapAction.None, feed.CheckGap("a", send, T0, FillEvery, SkipAfter).Action);
        var (action, lease) = feed.CheckGap("a", send, T0 + FillEvery, FillEvery, SkipAfter);
        Assert.Equal(SessionFeed.GapAction.Fill, action);
        Assert.Equal(1, lease!.Cursor);
        // The fill arrives (with a duplicate of what was held): all in order.
        foreach (var seq in new long[] { 2, 3, 4 }) Deliver(feed, send, seq, "a");
        Assert.Equal([1L, 2L, 3L, 4L], send.To("a"));
        Assert.Equal(SessionFeed.GapAction.None, feed.CheckGap("a", send, T0 + FillEvery * 2, FillEvery, SkipAfter).Action);
    }

    [Fact]
    public void A_gap_that_never_fills_is_skipped_in_the_end()
    {
        var (feed, send) = Joined("a");
        Deliver(feed, send, 1, "a");
        Deliver(feed, send, 3, "a");
        Assert.Equal(SessionFeed.GapAction.Skipped, feed.CheckGap("a", send, T0 + SkipAfter + FillEvery, FillEvery, SkipAfter).Action);
        Assert.Equal([1L, 3L], send.To("a"));
        Deliver(feed, send, 4, "a");
        Assert.Equal([1L, 3L, 4L], send.To("a"));
    }

    [Fact]
    public void Leases_carry_each_connection_cursor_and_leave_out_joins_in_flight()
    {
        var (feed, send) = Joined("a", "b");
        Deliver(feed, send, 1, "a", "b");
        Deliver(feed, send, 2, "a");
        feed.BeginJoin(Connection("c"));
        var cursors = feed.Leases().ToDictionary(l => l.Connection.ConnectionId, l => l.Cursor);
        Assert.Equal(new Dictionary<string, long> { ["a"] = 2, ["b"] = 1 }, cursors);
    }

    [Fact]
    public void A_connection_without_a_join_here_is_sent_nothing_its_next_join_carries_it()
    {
        var (feed, send) = Joined("a");
        Deliver(feed, send, 1, "stranger");
        feed.BeginJoin(Connection("failed"));
        feed.JoinFailed("failed");
        Deliver(feed, send, 2, "failed");
        Assert.Empty(send.To("stranger"));
        Assert.Empty(send.To("failed"));
    }

    [Fact]
    public void Under_concurrent_shuffled_and_repeated_pushes_every_connection_sees_one_to_n_in_order()
    {
        const int n = 3_000;
        var (feed, send) = Joined("a", "b", "c");
        var random = new Random(42);
        // Reordered within windows of 100 (as in flight), some sent twice, pushed from four threads at once.
        var pushes = Enumerable.Range(1, n).Select(i => (long)i)
            .Concat(Enumerable.Range(0, n / 3).Select(_ => (long)random.Next(1, n + 1)))
            .OrderBy(seq => seq / 100 * 100 + random.Next(100))
            .ToArray();
        Parallel.ForEach(Partitioner.Create(0, pushes.Length, 64), new ParallelOptions { MaxDegreeOfParallelism = 4 }, range =>
        {
            for (var i = range.Item1; i < range.Item2; i++) Deliver(feed, send, pushes[i], "a", "b", "c");
        });
        // What a stalled thread kept back beyond the hold limit comes again as a fill, in order, from the session.
        for (var seq = 1; seq <= n; seq++) Deliver(feed, send, seq, "a", "b", "c");
        var expected = Enumerable.Range(1, n).Select(i => (long)i).ToArray();
        Assert.Equal(expected, send.To("a"));
        Assert.Equal(expected, send.To("b"));
        Assert.Equal(expected, send.To("c"));
    }
}
