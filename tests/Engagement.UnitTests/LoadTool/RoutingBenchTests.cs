using System.Diagnostics;
using Engagement.LoadTests.Routing;

namespace Engagement.UnitTests.LoadTool;

/// <summary>The routing benchmark's pure parts: its world, its reading of the queues' policies, and its accounting.</summary>
public class RoutingBenchTests
{
    private static readonly long Second = Stopwatch.Frequency;
    private static long Ms(double ms) => (long)(ms * Stopwatch.Frequency / 1000);

    private static readonly RoutingScenario World = new("t", 1000, 3, 12);

    private static QueuePlan Queue(string skill) => World.Queues.Single(q => q.Skill == skill);

    private static AgentPlan Agent(string skill, int level, params string[] more) =>
        new("a", [skill, .. more], new[] { skill }.Concat(more).ToDictionary(s => s, s => s == skill ? level : 1),
            World.Queues.Where(q => q.Skill == skill || more.Contains(q.Skill)).Select(q => q.QueueId).ToArray(), 3);

    [Fact]
    public void Agents_have_one_to_three_skills_with_levels_and_serve_exactly_the_queues_of_their_skills()
    {
        Assert.All(World.Agents, a =>
        {
            Assert.InRange(a.Skills.Length, 1, 3);
            Assert.Equal(a.Skills.Length, a.Skills.Distinct().Count());
            Assert.All(a.Skills, s => Assert.InRange(a.Levels[s], 1, 5));
            Assert.Equal(World.Queues.Where(q => a.Skills.Contains(q.Skill)).Select(q => q.QueueId), a.Queues);
        });
        // The primary skill goes round the queues: each queue has at least a fifth of the agents.
        Assert.All(World.Queues, q => Assert.True(World.Agents.Count(a => a.Queues.Contains(q.QueueId)) >= 200));
        Assert.Contains(World.Agents, a => a.Skills.Length == 3);
        Assert.Equal(World.Agents.Select(a => a.Skills), new RoutingScenario("t", 1000, 3, 12).Agents.Select(a => a.Skills)); // the seed decides
    }

    [Fact]
    public void Visitors_are_spread_over_the_queues_by_share_and_every_tenth_is_a_vip()
    {
        var counts = Enumerable.Range(0, 1000).GroupBy(i => World.QueueOfVisitor(i).Skill).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(new Dictionary<string, int> { ["general"] = 300, ["billing"] = 200, ["tech"] = 200, ["sales"] = 150, ["returns"] = 150 }, counts);
        Assert.Equal(100, Enumerable.Range(0, 1000).Count(RoutingScenario.IsVip));
    }

    [Fact]
    public void A_queue_asks_its_level_until_a_step_relaxes_it_and_steps_count_only_after_the_grace()
    {
        var tech = Queue("tech"); // level 3, level 2 after 2 s, level 1 after 5 s
        var two = Agent("tech", 2);

        Assert.True(RoutingScenario.CanServe(Agent("tech", 3), tech, TimeSpan.Zero));
        Assert.False(RoutingScenario.CanServe(two, tech, TimeSpan.FromSeconds(1)));
        Assert.False(RoutingScenario.CanServe(two, tech, TimeSpan.FromSeconds(2.2))); // reached on the server's tick, maybe not yet
        Assert.True(RoutingScenario.CanServe(two, tech, TimeSpan.FromSeconds(2) + RoutingScenario.StepGrace));
        Assert.False(RoutingScenario.CanServe(Agent("tech", 1), tech, TimeSpan.FromSeconds(4)));
        Assert.True(RoutingScenario.CanServe(Agent("tech", 1), tech, TimeSpan.FromSeconds(6)));
    }

    [Fact]
    public void Any_agent_of_the_queue_after_its_step_but_never_an_agent_outside_it()
    {
        var returns = Queue("returns"); // level 2, any agent after 3 s

        Assert.False(RoutingScenario.CanServe(Agent("returns", 1), returns, TimeSpan.FromSeconds(1)));
        Assert.True(RoutingScenario.CanServe(Agent("returns", 1), returns, TimeSpan.FromSeconds(4)));
        Assert.False(RoutingScenario.CanServe(Agent("general", 5), returns, TimeSpan.FromMinutes(5)));
        Assert.True(RoutingScenario.CanServe(Agent("general", 1), Queue("general"), TimeSpan.Zero));
    }

    [Fact]
    public void The_book_knows_what_waits_unoffered_even_when_the_offer_beats_the_start_answer()
    {
        var book = new WaitingBook();
        var general = Queue("general").QueueId;
        book.Offered("s1");                 // the offer arrived before StartSession's answer
        book.Started(general, "s1", 0);
        book.Started(general, "s2", 0);

        Assert.Equal((2, 1), (book.Waiting, book.Unoffered));
        book.Offered("s2");
        Assert.Equal(0, book.Unoffered);
        book.OfferEnded("s2");              // revoked, or the accept failed: the queue offers it again
        Assert.Equal(1, book.Unoffered);
        book.Accepted("s1");
        book.Accepted("s2");
        book.OfferEnded("s2");              // a late revoke changes nothing once accepted
        Assert.Equal((0, 0), (book.Waiting, book.Unoffered));
    }

    [Fact]
    public void A_session_the_tool_never_saw_start_is_accepted_without_leaving_the_count_of_waiting_ones()
    {
        var book = new WaitingBook();
        book.Started(Queue("general").QueueId, "s1", 0);
        book.Offered("made-anyway");        // its StartSession failed on the tool's side; the server made it all the same
        book.Accepted("made-anyway");
        book.Accepted("made-anyway");

        Assert.Equal((1, 1), (book.Waiting, book.Unoffered));
        book.Accepted("s1");
        Assert.Equal((0, 0), (book.Waiting, book.Unoffered));
    }

    [Fact]
    public void Work_is_waiting_for_an_agent_when_it_may_take_the_oldest_unoffered_session_of_one_of_its_queues()
    {
        var book = new WaitingBook();
        var tech = Queue("tech").QueueId;
        var two = Agent("tech", 2);
        book.Started(tech, "old", 0);
        book.Started(tech, "new", 3 * Second);

        Assert.False(book.HasWorkFor(two, World, 2 * Second));
        Assert.True(book.HasWorkFor(two, World, 3 * Second)); // the old one has waited past its step
        Assert.False(book.HasWorkFor(Agent("general", 5), World, 3 * Second));
        book.Offered("old");
        Assert.False(book.HasWorkFor(two, World, 3 * Second)); // the new one still asks level 3
    }

    [Fact]
    public void A_close_of_a_full_agent_with_work_waiting_is_answered_by_the_next_offer()
    {
        var ledger = new AgentLedger(2);
        Fill(ledger, 2);
        ledger.CloseStarted("s0", 10 * Second, workWaiting: true);
        ledger.Status(["s0", "s1"], 10 * Second + Ms(2));  // not yet freed
        ledger.Status(["s1"], 10 * Second + Ms(5));        // the server released it
        ledger.CloseEnded("s0", 10 * Second + Ms(9), closed: true);

        var offer = ledger.Offer(10 * Second + Ms(12));

        Assert.Equal(new FreedOffer(Ms(7), Ms(12), Ms(3), false), offer);
        Assert.False(ledger.Waiting);
    }

    [Fact]
    public void An_offer_before_the_close_returns_answers_it_with_zero_from_the_return()
    {
        var ledger = new AgentLedger(1);
        Fill(ledger, 1);
        ledger.CloseStarted("s0", 0, workWaiting: true);
        ledger.Status([], Ms(4));

        Assert.Equal(new FreedOffer(Ms(2), Ms(6), 0, true), ledger.Offer(Ms(6)));
        ledger.CloseEnded("s0", Ms(8), closed: true);
        Assert.False(ledger.Waiting);
    }

    [Fact]
    public void Closes_that_free_nothing_new_or_find_no_work_are_not_counted()
    {
        var notFull = new AgentLedger(3);
        Fill(notFull, 2);
        notFull.CloseStarted("s0", 0, workWaiting: true);
        Assert.False(notFull.Waiting);

        var noWork = new AgentLedger(2);
        Fill(noWork, 2);
        noWork.CloseStarted("s0", 0, workWaiting: false);
        Assert.False(noWork.Waiting);

        var twoCloses = new AgentLedger(2);
        Fill(twoCloses, 2);
        twoCloses.CloseStarted("s0", 0, workWaiting: true);
        twoCloses.CloseStarted("s1", Ms(1), workWaiting: true); // the agent was no longer full
        twoCloses.CloseEnded("s0", Ms(5), closed: true);
        twoCloses.CloseEnded("s1", Ms(6), closed: true);
        Assert.Equal(Ms(10), twoCloses.Offer(Ms(10))!.Value.FromCloseStart);
        Assert.Null(twoCloses.Offer(Ms(11)));
    }

    [Fact]
    public void A_failed_close_frees_nothing()
    {
        var ledger = new AgentLedger(1);
        Fill(ledger, 1);
        ledger.CloseStarted("s0", 0, workWaiting: true);
        ledger.CloseEnded("s0", Ms(3), closed: false);

        Assert.False(ledger.Waiting);
        ledger.CloseStarted("s0", Ms(10), workWaiting: true); // still full: a later close counts
        Assert.True(ledger.Waiting);
    }

    private static void Fill(AgentLedger ledger, int sessions)
    {
        for (var i = 0; i < sessions; i++)
        {
            ledger.Offer(-Second);
            ledger.AcceptEnded(accepted: true);
        }
    }

    [Fact]
    public void Assignment_rate_counts_whole_seconds_and_the_first_ninety_percent()
    {
        // 10 s window: 100 assignments in each of the first 9 s, then 10 in the last.
        var times = Enumerable.Range(0, 9).SelectMany(s => Enumerable.Range(0, 100).Select(i => s * Second + i * Second / 100))
            .Concat(Enumerable.Range(0, 10).Select(i => 9 * Second + i * Second / 10)).ToList();
        times.Add(-Second); // before the window

        var rate = AssignmentRate.Of(times, 0, 10 * Second);

        Assert.Equal(91, rate.Mean, 3);
        Assert.Equal(100, rate.Peak);
        Assert.Equal(100, rate.Median);
        Assert.Equal(10, rate.PerSecond.Length);
        Assert.Equal(10, rate.PerSecond[^1]);
        Assert.InRange(rate.MeanTo90, 100, 101); // 819 assignments in the first 8.19 s
    }

    [Theory]
    [InlineData("1-3", 1.0, 3.0)]
    [InlineData("0.5-0.5", 0.5, 0.5)]
    public void Handle_time_is_a_range_in_seconds(string text, double min, double max) =>
        Assert.Equal((TimeSpan.FromSeconds(min), TimeSpan.FromSeconds(max)), RoutingSettings.ParseHandle(text));

    [Theory]
    [InlineData("3-1")]
    [InlineData("2")]
    [InlineData("a-b")]
    public void A_handle_time_that_is_not_a_range_is_refused(string text) =>
        Assert.Throws<ArgumentException>(() => RoutingSettings.ParseHandle(text));
}
