using Engagement.TeamDirectory;

namespace Engagement.UnitTests.TeamDirectory;

public class DirectoryBookTests
{
    private static DirectoryEntry Entry(string id, AgentPresence presence, long version, StaffRole role = StaffRole.Agent, string[]? queues = null, string? title = null) =>
        new(id, id.ToUpperInvariant(), title, null, ["support"], queues ?? ["support"], presence, version, role);

    private static DirectoryBook WithSupportQueue()
    {
        var book = new DirectoryBook();
        book.SetQueue("support", "Support", 1);
        return book;
    }

    [Fact]
    public void A_presence_change_reaches_watchers_with_the_queue_figures_it_moved()
    {
        var book = WithSupportQueue();
        var change = book.Apply(Entry("alice", AgentPresence.Available, 10), 100);

        Assert.NotNull(change);
        Assert.Equal("alice", change.AgentId);
        Assert.Equal(AgentPresence.Available, change.Entry!.Presence);
        Assert.Equal(100, change.Entry.Version); // the board's version, not the agent's
        var support = Assert.Single(change.Queues);
        Assert.Equal(("support", "Support", 1, 1, 100L), (support.QueueId, support.Name, support.AgentsOnline, support.AgentsAvailable, support.Version));

        var busy = book.Apply(Entry("alice", AgentPresence.Busy, 11), 101)!;
        Assert.Equal((1, 0), (busy.Queues[0].AgentsOnline, busy.Queues[0].AgentsAvailable));
    }

    [Fact]
    public void An_entry_older_than_the_one_held_is_dropped()
    {
        var book = WithSupportQueue();
        book.Apply(Entry("alice", AgentPresence.Away, 20), 100);
        Assert.Null(book.Apply(Entry("alice", AgentPresence.Available, 19), 101));
        Assert.Equal(AgentPresence.Away, book.Representatives().Single().Presence);
    }

    [Fact]
    public void A_newer_entry_that_changes_nothing_visible_is_not_broadcast()
    {
        var book = WithSupportQueue();
        book.Apply(Entry("alice", AgentPresence.Available, 1), 100);
        Assert.Null(book.Apply(Entry("alice", AgentPresence.Available, 2), 101));
        Assert.Equal(100, book.Representatives().Single().Version);
        Assert.NotNull(book.Apply(Entry("alice", AgentPresence.Available, 3, title: "Billing"), 102));
    }

    [Fact]
    public void Supervisors_are_not_listed_but_count_towards_their_queues()
    {
        var book = WithSupportQueue();
        var change = book.Apply(Entry("sam", AgentPresence.Available, 1, StaffRole.Supervisor), 100)!;
        Assert.Null(change.AgentId);
        Assert.Null(change.Entry);
        Assert.Equal(1, change.Queues.Single().AgentsOnline);
        Assert.Empty(book.Representatives());
        Assert.Equal(1, book.Snapshot(101).Queues.Single().AgentsOnline);
        Assert.Null(book.Apply(Entry("sam", AgentPresence.Available, 2, StaffRole.Supervisor, title: "Team lead"), 102)); // invisible change
    }

    [Fact]
    public void An_agent_promoted_to_supervisor_is_removed_from_the_listing()
    {
        var book = WithSupportQueue();
        book.Apply(Entry("alice", AgentPresence.Available, 1), 100);
        var change = book.Apply(Entry("alice", AgentPresence.Available, 2, StaffRole.Supervisor), 101)!;
        Assert.Equal("alice", change.AgentId);
        Assert.Null(change.Entry);
        Assert.Empty(change.Queues); // still online in the same queue
        Assert.Empty(book.Representatives());
    }

    [Fact]
    public void Moving_to_another_queue_updates_both_queues()
    {
        var book = WithSupportQueue();
        book.SetQueue("sales", "Sales", 1);
        book.Apply(Entry("alice", AgentPresence.Available, 1), 100);
        var change = book.Apply(Entry("alice", AgentPresence.Available, 2, queues: ["sales"]), 101)!;
        Assert.Equal([("sales", 1), ("support", 0)], change.Queues.Select(q => (q.QueueId, q.AgentsOnline)).OrderBy(q => q.QueueId));
    }

    [Fact]
    public void Removing_an_agent_tells_watchers_and_recounts()
    {
        var book = WithSupportQueue();
        book.Apply(Entry("alice", AgentPresence.Available, 1), 100);
        var change = book.Remove("alice", 101)!;
        Assert.Equal(("alice", (DirectoryEntry?)null, 0), (change.AgentId, change.Entry, change.Queues.Single().AgentsOnline));
        Assert.Null(book.Remove("alice", 102));
    }

    [Fact]
    public void The_snapshot_lists_representatives_by_name_and_every_queue_even_without_staff()
    {
        var book = WithSupportQueue();
        book.SetQueue("sales", "Sales", 1);
        book.Apply(Entry("zoe", AgentPresence.Offline, 1), 100);
        book.Apply(Entry("bob", AgentPresence.Available, 1), 101);
        var snapshot = book.Snapshot(102);
        Assert.Equal(["bob", "zoe"], snapshot.Representatives.Select(r => r.AgentId));
        Assert.Equal([("Sales", 0), ("Support", 1)], snapshot.Queues.Select(q => (q.Name, q.AgentsOnline)));
        Assert.Equal(102, snapshot.Version);
    }

    [Fact]
    public void Queues_staff_mention_before_their_names_are_known_are_listed_for_naming()
    {
        var book = new DirectoryBook();
        book.Apply(Entry("alice", AgentPresence.Available, 1, queues: ["vip"]), 100);
        Assert.Equal(["vip"], book.UnnamedQueues);
        var named = book.SetQueue("vip", "VIP", 101)!;
        Assert.Equal(("VIP", 1), (named.Name, named.AgentsOnline));
        Assert.Empty(book.UnnamedQueues);
        Assert.Null(book.SetQueue("vip", "VIP", 102));
    }
}
