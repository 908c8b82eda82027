using Engagement.Dashboard;

namespace Engagement.UnitTests.Dashboard;

public class QueueFiguresTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly QueueDefinition Support = new("support", "Support", ["support"], TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));

    private static AgentRoutingState Agent(string id, AgentPresence presence) => new(id, presence, ["support"], 2, 0, T0);

    private static QueuedSession Waiting(string id, int secondsAgo) => new(id, "v_" + id, null, [], T0.AddSeconds(-secondsAgo), null, null);

    [Fact]
    public void Figures_count_waiting_sessions_agents_by_presence_and_the_service_level()
    {
        var roster = new[]
        {
            Agent("a", AgentPresence.Available), Agent("b", AgentPresence.Available), Agent("c", AgentPresence.Busy),
            Agent("d", AgentPresence.Away), Agent("e", AgentPresence.Offline),
        };
        var stats = QueueFigures.From(Support, [Waiting("s1", 5), Waiting("s2", 42), Waiting("s3", 1)], roster, answered: 8, answeredWithinSla: 6, abandoned: 2);

        Assert.Equal(3, stats.Waiting);
        Assert.Equal(T0.AddSeconds(-42), stats.OldestWaitingSince);
        Assert.Equal((2, 1, 1), (stats.AgentsAvailable, stats.AgentsBusy, stats.AgentsAway));
        Assert.Equal((8, 6, 2), (stats.Answered, stats.AnsweredWithinSla, stats.Abandoned));
        Assert.Equal(0.75, stats.ServiceLevel);
        Assert.Equal(TimeSpan.FromSeconds(30), stats.SlaTarget);
        Assert.Equal("Support", stats.Name);
    }

    [Fact]
    public void An_empty_queue_has_no_oldest_wait_and_no_service_level_yet()
    {
        var stats = QueueFigures.From(Support, [], [], 0, 0, 0);
        Assert.Null(stats.OldestWaitingSince);
        Assert.Null(stats.ServiceLevel);
        Assert.Equal(stats, QueueFigures.From(Support, [], [], 0, 0, 0)); // equal figures compare equal: unchanged ones are not re-sent
    }
}
