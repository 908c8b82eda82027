using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace Engagement.FunctionalTests.Cluster;

/// <summary>
/// A queue's SLA policy on a two-silo cluster: the session's clocks breach, reset and stop as the conversation goes, a
/// breach reaches the SLA board (pushed to the dashboard's watchers) and the session's staff view only, business
/// hours pause a clock, and the due times outlive the activation. Targets are a second or two, so breaches come quickly.
/// </summary>
[Collection(ClusterCollection.Name)]
public class SlaClockTests(ClusterFixture cluster)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly Caller Supervisor = new(CallerKind.Supervisor, "sam", "Sam");

    private static async Task<string> QueueWith(Scenario s, SlaPolicy sla, BusinessHours? hours = null)
    {
        var id = await s.Queue();
        var definition = (await s.Grains.GetQueue(id).GetDefinition())!;
        await s.Grains.GetQueue(id).Configure(definition with { Sla = sla, Hours = hours });
        return id;
    }

    private static async Task<(string SessionId, Caller Visitor)> StartAsync(Scenario s, string queueId)
    {
        var visitor = Scenario.Visitor(Scenario.NewVisitorId());
        var sessionId = Scenario.NewSessionId();
        await s.Grains.GetSession(sessionId).Start(visitor, new StartSessionRequest(queueId));
        return (sessionId, visitor);
    }

    /// <summary>An agent of the queue, connected, who accepts the session's offer.</summary>
    private static async Task<Caller> AnswerAsync(Scenario s, string queueId, string sessionId)
    {
        var alice = await s.Agent(queueId, "alice");
        var (connection, events) = await s.ConnectAgent(alice);
        await events.WaitFor<SessionOffer>(connection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
        await s.Grains.GetAgent(alice).Accept(sessionId);
        return Caller.Agent(alice, "alice");
    }

    private static async Task<SessionSlaView> SlaOf(Scenario s, string sessionId) => (await s.Grains.GetSession(sessionId).Get(Supervisor)).Sla!;

    private static async Task<SlaAlert?> AlertOf(Scenario s, string sessionId, SlaKind kind) =>
        (await s.Grains.GetSlaBoard().GetBoard()).Alerts.SingleOrDefault(a => a.SessionId == sessionId && a.Kind == kind);

    [Fact]
    public async Task An_unanswered_session_breaches_its_first_response_target_and_the_board_shows_it_live()
    {
        await using var s = cluster.Scenario();
        var queue = await QueueWith(s, new SlaPolicy(FirstResponse: Second, Resolution: TimeSpan.FromHours(1)));
        var (sessionId, visitor) = await StartAsync(s, queue);

        var started = await SlaOf(s, sessionId);
        Assert.Equal(SlaKind.FirstResponse, started.Kind);
        Assert.Equal(started.StartedAt + Second, started.DueAt);
        Assert.Null((await s.Grains.GetSession(sessionId).Get(visitor)).Sla); // never the visitor's

        // The board is pushed to the dashboard's watchers: a breach arrives without asking.
        var board = await cluster.RecorderOn(0).WaitFor<SlaBoard>("group:" + WatchGroups.Dashboard, ClientEvents.SlaBoard,
            b => b.Alerts.Any(a => a.SessionId == sessionId && a.Level == SlaAlertLevel.Breached));
        Assert.Equal(SlaKind.FirstResponse, board.Alerts.Single(a => a.SessionId == sessionId).Kind);
        Assert.True(board.Queues.Single(q => q.QueueId == queue).Breaches >= 1);
        var breached = await SlaOf(s, sessionId);
        Assert.Equal((true, 1), (breached.Breached, breached.Breaches));
        // Staff read the breach in the transcript's staff-only lines; the visitor never does.
        await Scenario.Eventually(async () => (await s.Grains.GetSession(sessionId).ReadTranscript(Supervisor, 0, 100))
            .Any(m => m.Kind == MessageKind.StaffEvent && m.Text.Contains("first response target (1 s) was missed")), "the staff-only line");
        Assert.DoesNotContain(await s.Grains.GetSession(sessionId).ReadTranscript(visitor, 0, 100), m => m.Kind == MessageKind.StaffEvent);

        // The agent's first message ends the clock, late: the breach stays counted, the board lets it go.
        var alice = await AnswerAsync(s, queue, sessionId);
        await s.Grains.GetSession(sessionId).Send(alice, "a-1", "Sorry for the wait!", null, null);
        var answered = await SlaOf(s, sessionId);
        Assert.Equal((SlaKind.Resolution, false, 1), (answered.Kind, answered.Breached, answered.Breaches));
        await Scenario.Eventually(async () => await AlertOf(s, sessionId, SlaKind.FirstResponse) is null, "the board dropped the met clock");
        Assert.Equal(1, (await s.Grains.GetSlaBoard().GetBoard()).Queues.Single(q => q.QueueId == queue).Breaches);

        // The reports count it, from the session's fact.
        var reports = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<ISessionReports>();
        var today = new ReportQuery(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), "UTC", queue);
        await Scenario.Eventually(async () => (await reports.SummaryAsync(today)).Total is { FirstResponseBreaches: 1, SessionsBreached: 1 }, "the report counts the breach");
    }

    [Fact]
    public async Task A_clock_turns_at_risk_with_a_quarter_of_its_target_left_and_a_reply_in_time_clears_it()
    {
        await using var s = cluster.Scenario();
        var queue = await QueueWith(s, new SlaPolicy(FirstResponse: 8 * Second));
        var (sessionId, _) = await StartAsync(s, queue);
        var started = await SlaOf(s, sessionId);
        Assert.Equal(started.StartedAt + 6 * Second, started.AtRiskAt);
        var agent = await AnswerAsync(s, queue, sessionId);

        await cluster.RecorderOn(0).WaitFor<SlaBoard>("group:" + WatchGroups.Dashboard, ClientEvents.SlaBoard,
            b => b.Alerts.Any(a => a.SessionId == sessionId && a.Level == SlaAlertLevel.AtRisk));
        await s.Grains.GetSession(sessionId).Send(agent, "a-1", "Hi! Right with you.", null, null);
        await Scenario.Eventually(async () => await AlertOf(s, sessionId, SlaKind.FirstResponse) is null, "the board dropped the met clock");
        Assert.Null((await SlaOf(s, sessionId)).Kind);
    }

    [Fact]
    public async Task An_agent_reply_resets_the_next_response_clock_and_an_unanswered_message_breaches_it()
    {
        await using var s = cluster.Scenario();
        var queue = await QueueWith(s, new SlaPolicy(NextResponse: 2 * Second));
        var (sessionId, visitor) = await StartAsync(s, queue);
        var session = s.Grains.GetSession(sessionId);
        Assert.Null((await SlaOf(s, sessionId)).Kind); // no first-response or resolution target: nothing runs yet
        var agent = await AnswerAsync(s, queue, sessionId);

        await session.Send(visitor, "v-1", "Hello?", null, null);
        Assert.Null((await SlaOf(s, sessionId)).Kind); // before the first reply, the first response is what counts
        await session.Send(agent, "a-1", "Hi!", null, null);
        await session.Send(visitor, "v-2", "My order is late.", null, null);
        var running = await SlaOf(s, sessionId);
        Assert.Equal(SlaKind.NextResponse, running.Kind);
        await session.Send(visitor, "v-3", "Order 42.", null, null);
        Assert.Equal(running.DueAt, (await SlaOf(s, sessionId)).DueAt); // the oldest unanswered message counts
        await session.Send(agent, "a-2", "Let me look.", null, null);
        Assert.Equal((null, 0), ((await SlaOf(s, sessionId)).Kind, (await SlaOf(s, sessionId)).Breaches));

        await session.Send(visitor, "v-4", "Any news?", null, null);
        await Scenario.Eventually(async () => (await SlaOf(s, sessionId)).Breached, "the next response is breached");
        // The board hears of it one way, after the session has recorded it.
        await Scenario.Eventually(async () => (await AlertOf(s, sessionId, SlaKind.NextResponse))?.Level == SlaAlertLevel.Breached, "the board shows the breach");
        Assert.Equal(1, (await SlaOf(s, sessionId)).Breaches);
    }

    [Fact]
    public async Task The_resolution_clock_breaches_while_the_chat_goes_on_and_stops_at_the_wrap_up()
    {
        await using var s = cluster.Scenario();
        var queue = await QueueWith(s, new SlaPolicy(Resolution: 2 * Second));
        var (sessionId, _) = await StartAsync(s, queue);
        var alice = await AnswerAsync(s, queue, sessionId);
        await s.Grains.GetSession(sessionId).Send(alice, "a-1", "Hi!", null, null);

        await Scenario.Eventually(async () => (await AlertOf(s, sessionId, SlaKind.Resolution))?.Level == SlaAlertLevel.Breached, "the resolution is breached");
        Assert.Equal((SlaKind.Resolution, true), ((await SlaOf(s, sessionId)).Kind, (await SlaOf(s, sessionId)).Breached));

        await s.Grains.GetSession(sessionId).WrapUp(alice);
        var ended = await SlaOf(s, sessionId);
        Assert.Equal((null, 1), (ended.Kind, ended.Breaches));
        await Scenario.Eventually(async () => await AlertOf(s, sessionId, SlaKind.Resolution) is null, "the board dropped the ended session");
    }

    [Fact]
    public async Task With_business_hours_only_a_clock_pauses_while_the_queue_is_closed()
    {
        await using var s = cluster.Scenario();
        // Open from this minute for ten minutes, on this weekday only: a 15-minute target runs out in a later week's opening.
        var now = DateTimeOffset.UtcNow;
        var opens = new TimeOnly(now.Hour, now.Minute);
        var closes = opens.AddMinutes(10) < opens ? TimeOnly.MinValue : opens.AddMinutes(10);
        var hours = new BusinessHours("UTC", [new OpeningHours(now.DayOfWeek, opens, closes)], []);
        var queue = await QueueWith(s, new SlaPolicy(FirstResponse: TimeSpan.FromMinutes(15), BusinessHoursOnly: true), hours);
        var (sessionId, _) = await StartAsync(s, queue);

        var sla = await SlaOf(s, sessionId);
        Assert.False(sla.Paused);
        Assert.True(sla.DueAt > sla.StartedAt + TimeSpan.FromDays(6), $"due {sla.DueAt}: the closed week does not count");
    }

    [Fact]
    public async Task The_clocks_survive_the_sessions_deactivation()
    {
        await using var s = cluster.Scenario();
        var queue = await QueueWith(s, new SlaPolicy(FirstResponse: 3 * Second));
        var (sessionId, _) = await StartAsync(s, queue);
        var before = await SlaOf(s, sessionId);

        await s.Grains.GetSession(sessionId).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var after = await SlaOf(s, sessionId); // a new activation, from the stored state
        Assert.Equal((before.Kind, before.DueAt), (after.Kind, after.DueAt));

        // Nobody calls the session again: the new activation's own timer records the breach.
        await Scenario.Eventually(async () => (await AlertOf(s, sessionId, SlaKind.FirstResponse))?.Level == SlaAlertLevel.Breached, "the breach is recorded");
        Assert.Equal(1, (await SlaOf(s, sessionId)).Breaches);
    }

    [Fact]
    public async Task While_a_clock_runs_a_durable_reminder_wakes_the_session_and_it_goes_with_the_last_clock()
    {
        await using var s = cluster.Scenario();
        var queue = await QueueWith(s, new SlaPolicy(FirstResponse: 2 * Second));
        var (sessionId, _) = await StartAsync(s, queue);
        Assert.Equal(1, await SlaRemindersOf(sessionId));

        // The activation goes, and with it its timer; nothing calls the session again (only the board is read), as
        // after its silo died. The reminder (at most a minute between ticks) brings it back to record the breach.
        await s.Grains.GetSession(sessionId).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Scenario.Eventually(async () => (await AlertOf(s, sessionId, SlaKind.FirstResponse))?.Level == SlaAlertLevel.Breached,
            "the reminder woke the session and the breach is recorded", seconds: 150);

        var alice = await AnswerAsync(s, queue, sessionId);
        await s.Grains.GetSession(sessionId).Send(alice, "a-1", "Sorry for the wait!", null, null);
        Assert.Null((await SlaOf(s, sessionId)).Kind);
        Assert.Equal(0, await SlaRemindersOf(sessionId));
    }

    private async Task<long> SlaRemindersOf(string sessionId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM orleans.grain_reminder WHERE reminder_name = $1 AND grain_id LIKE '%' || $2", connection)
        {
            Parameters = { new() { Value = Engagement.Sessions.SessionSla.Reminder }, new() { Value = sessionId } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
