using Orleans.Core.Internal;

namespace Engagement.FunctionalTests.Cluster;

/// <summary>
/// The team directory and the dashboard across a two-silo cluster: changes are broadcast to the watch groups of every silo (the recording
/// routers stand in for the hubs, and receive the groups' events as "group:&lt;name&gt;").
/// </summary>
[Collection(ClusterCollection.Name)]
public class TeamDirectoryAndDashboardTests(ClusterFixture cluster)
{
    private const string DirectoryGroup = "group:" + WatchGroups.Directory;
    private const string DashboardGroup = "group:" + WatchGroups.Dashboard;

    private IDashboardGrain Dashboard => cluster.Cluster.Client.GetDashboard();

    [Fact]
    public async Task Directory_presence_changes_reach_watchers_on_every_silo()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice");
        var (connection, _) = await s.ConnectAgent(alice);

        foreach (var silo in new[] { 0, 1 })
        {
            var online = await cluster.RecorderOn(silo).WaitFor<DirectoryChange>(DirectoryGroup, ClientEvents.DirectoryPresence,
                c => c.AgentId == alice && c.Entry?.Presence == AgentPresence.Available);
            Assert.Equal("alice", online.Entry!.DisplayName);
            Assert.Contains(online.Queues, q => q.QueueId == queue && q.AgentsOnline == 1 && q.AgentsAvailable == 1);
        }

        await s.Grains.GetAgent(alice).SetChosenStatus(AgentChosenStatus.Away);
        var away = await cluster.RecorderOn(1).WaitFor<DirectoryChange>(DirectoryGroup, ClientEvents.DirectoryPresence,
            c => c.AgentId == alice && c.Entry?.Presence == AgentPresence.Away);
        Assert.Contains(away.Queues, q => q.QueueId == queue && q.AgentsOnline == 0);

        var snapshot = await s.Grains.GetGrain<ITeamDirectoryGrain>(GrainKeys.TeamDirectory).GetSnapshot();
        var entry = Assert.Single(snapshot.Representatives, r => r.AgentId == alice);
        Assert.Equal(AgentPresence.Away, entry.Presence);
        Assert.True(snapshot.Version >= away.Version);
        Assert.Contains(snapshot.Queues, q => q.QueueId == queue && q.Name == "Test queue");

        await s.Grains.GetAgent(alice).Disconnect(connection.ConnectionId);
        await cluster.RecorderOn(0).WaitFor<DirectoryChange>(DirectoryGroup, ClientEvents.DirectoryPresence,
            c => c.AgentId == alice && c.Entry?.Presence == AgentPresence.Offline);
    }

    [Fact]
    public async Task Supervisors_count_towards_queues_but_are_not_listed()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var sam = $"sam-{Guid.NewGuid():N}"[..16];
        await s.Grains.GetAgent(sam).Configure(new AgentProfile(sam, "Sam", $"{sam}@example.com", StaffRole.Supervisor, ["support"], 2, [queue]));
        await s.ConnectAgent(sam);

        var change = await cluster.RecorderOn(0).WaitFor<DirectoryChange>(DirectoryGroup, ClientEvents.DirectoryPresence,
            c => c.Queues.Any(q => q.QueueId == queue && q.AgentsAvailable == 1));
        Assert.Null(change.AgentId);
        Assert.Null(change.Entry);
        var snapshot = await s.Grains.GetGrain<ITeamDirectoryGrain>(GrainKeys.TeamDirectory).GetSnapshot();
        Assert.DoesNotContain(snapshot.Representatives, r => r.AgentId == sam);
        Assert.Contains(snapshot.Queues, q => q.QueueId == queue && q.AgentsOnline == 1);
    }

    [Fact]
    public async Task Dashboard_counts_change_live_on_answer_first_reply_rating_close_and_abandon()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice");
        var (workspace, agentEvents) = await s.ConnectAgent(alice);
        var dashboard = cluster.RecorderOn(1);
        await dashboard.WaitFor<DashboardSnapshot>(DashboardGroup, ClientEvents.Dashboard,
            d => d.Agents.Any(a => a.AgentId == alice && a.Presence == AgentPresence.Available) && QueueOf(d, queue)?.AgentsAvailable == 1);
        var before = (await Dashboard.GetDashboard()).Quality;

        var visitor = Scenario.Visitor(Scenario.NewVisitorId());
        var agent = Caller.Agent(alice, "alice");
        var session = s.Grains.GetSession(Scenario.NewSessionId());
        await session.Start(visitor, new StartSessionRequest(queue));
        // Routing offers after Start answers: accept what the agent was offered, as a workspace does.
        var sessionId = GrainKeys.IdOf(session.GetPrimaryKeyString());
        await agentEvents.WaitFor<SessionOffer>(workspace.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
        var view = await s.Grains.GetAgent(alice).Accept(sessionId);
        await dashboard.WaitFor<DashboardSnapshot>(DashboardGroup, ClientEvents.Dashboard,
            d => QueueOf(d, queue) is { Answered: 1, Waiting: 0, AnsweredWithinSla: 1, ServiceLevel: 1.0 }
                 && d.Agents.Any(a => a.AgentId == alice && a.ActiveSessions == 1));

        await session.Send(agent, "a-1", "Hello, how can I help?");
        await dashboard.WaitFor<DashboardSnapshot>(DashboardGroup, ClientEvents.Dashboard,
            d => d.Quality.FirstResponses > before.FirstResponses && d.Quality.AverageFirstResponse is not null);

        await session.Rate(visitor, 4, 9, "Helpful");
        var rated = await dashboard.WaitFor<DashboardSnapshot>(DashboardGroup, ClientEvents.Dashboard,
            d => d.Quality.CsatAnswers == before.CsatAnswers + 1 && d.Quality.NpsAnswers == before.NpsAnswers + 1);
        Assert.NotNull(rated.Quality.AverageCsat);

        await session.Close(agent, "Sale");
        var closed = await dashboard.WaitFor<DashboardSnapshot>(DashboardGroup, ClientEvents.Dashboard,
            d => d.Quality.Outcomes.GetValueOrDefault("sale") == before.Outcomes.GetValueOrDefault("sale") + 1);
        Assert.True(closed.Quality.Conversions > before.Conversions);
        Assert.True(closed.Quality.ClosedSessions > before.ClosedSessions);

        var leaving = Scenario.Visitor(Scenario.NewVisitorId());
        await s.Grains.GetAgent(alice).SetChosenStatus(AgentChosenStatus.Away); // nobody answers the next one
        var waiting = s.Grains.GetSession(Scenario.NewSessionId());
        await waiting.Start(leaving, new StartSessionRequest(queue));
        await dashboard.WaitFor<DashboardSnapshot>(DashboardGroup, ClientEvents.Dashboard,
            d => QueueOf(d, queue) is { Waiting: 1, OldestWaitingSince: not null, AgentsAway: 1 });
        await waiting.Leave(leaving);
        await dashboard.WaitFor<DashboardSnapshot>(DashboardGroup, ClientEvents.Dashboard,
            d => QueueOf(d, queue) is { Waiting: 0, Abandoned: 1, Answered: 1 });
        Assert.Equal(SessionStatus.Active, view.Status);
    }

    [Fact]
    public async Task A_burst_of_changes_is_pushed_as_a_few_coalesced_dashboards()
    {
        var agentId = $"burst-{Guid.NewGuid():N}";
        var recorder = cluster.RecorderOn(0);
        await Dashboard.AgentChanged(new AgentLoad(agentId, "Burst", AgentPresence.Available, 0, 500, Version: 1));
        await recorder.WaitFor<DashboardSnapshot>(DashboardGroup, ClientEvents.Dashboard, d => d.Agents.Any(a => a.AgentId == agentId));
        var pushesBefore = recorder.EventsFor(DashboardGroup).Count();

        const int burst = 200;
        // As an agent would send them: one-way and versioned, so one that overtakes another cannot undo it.
        for (var i = 1; i <= burst; i++) await Dashboard.AgentChanged(new AgentLoad(agentId, "Burst", AgentPresence.Available, i, 500, Version: 1 + i));

        var last = await recorder.WaitFor<DashboardSnapshot>(DashboardGroup, ClientEvents.Dashboard,
            d => d.Agents.Any(a => a.AgentId == agentId && a.ActiveSessions == burst));
        var pushes = recorder.EventsFor(DashboardGroup).Count() - pushesBefore;
        Assert.InRange(pushes, 1, burst / 4);
        Assert.True(last.Version > 0);
    }

    [Fact]
    public async Task New_activations_rebuild_live_figures_from_the_directory_and_keep_the_counters()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice");
        await s.Grains.GetRegistry().RegisterQueue(queue);
        await s.Grains.GetRegistry().RegisterAgent(alice, $"{alice}@example.com");
        await s.ConnectAgent(alice);
        var visitor = Scenario.Visitor(Scenario.NewVisitorId());
        var sessionId = Scenario.NewSessionId();
        await s.Grains.GetSession(sessionId).Start(visitor, new StartSessionRequest(queue));
        await Scenario.Eventually(async () => (await s.Grains.GetAgent(alice).GetStatus()).PendingOffers.Length == 1, "alice is offered the session");
        await s.Grains.GetAgent(alice).Accept(sessionId);
        await s.Grains.GetSession(sessionId).Rate(visitor, 5, null, null);
        var board = s.Grains.GetGrain<ITeamDirectoryGrain>(GrainKeys.TeamDirectory);
        await Scenario.Eventually(async () => (await Dashboard.GetDashboard()) is var d && QueueOf(d, queue)?.Answered == 1
            && d.Agents.Any(a => a.AgentId == alice && a.ActiveSessions == 1), "the dashboard has the answer");
        var counters = (await Dashboard.GetDashboard()).Quality;

        // Calls after these are served by new activations (Orleans finishes the deactivation first).
        await board.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Dashboard.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        var directory = await board.GetSnapshot(); // a new activation, rebuilt from the agents and queues the directory lists
        Assert.Contains(directory.Representatives, r => r.AgentId == alice && r.Presence == AgentPresence.Available);
        Assert.Contains(directory.Queues, q => q.QueueId == queue && q.Name == "Test queue" && q.AgentsOnline == 1);
        var dashboard = await Dashboard.GetDashboard();
        Assert.Equal(1, QueueOf(dashboard, queue)?.Answered);
        Assert.Contains(dashboard.Agents, a => a.AgentId == alice && a.ActiveSessions == 1);
        Assert.Equal(counters.CsatAnswers, dashboard.Quality.CsatAnswers);
        Assert.Equal(counters.AverageCsat, dashboard.Quality.AverageCsat);
    }

    private static QueueStats? QueueOf(DashboardSnapshot d, string queueId) => d.Queues.FirstOrDefault(q => q.QueueId == queueId);
}
