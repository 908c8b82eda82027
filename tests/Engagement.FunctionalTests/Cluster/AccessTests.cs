namespace Engagement.FunctionalTests.Cluster;

/// <summary>A visitor reaches only its own sessions; an agent only what it was offered or assigned; identify merges.</summary>
[Collection(ClusterCollection.Name)]
public class AccessTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Strangers_cannot_read_join_or_write_a_session()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var owner = Scenario.Visitor(Scenario.NewVisitorId());
        var stranger = Scenario.Visitor(Scenario.NewVisitorId());
        var otherAgent = await s.Agent(await s.Queue(), "mallory");
        var session = s.Grains.GetSession(Scenario.NewSessionId());
        await session.Start(owner, new StartSessionRequest(queue));
        await session.Send(owner, "m-1", "my private question");

        foreach (var caller in new[] { stranger, Caller.Agent(otherAgent) })
        {
            Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<EngagementException>(() => session.Get(caller))).Code);
            Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<EngagementException>(() => session.ReadTranscript(caller, 0, 10))).Code);
            Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<EngagementException>(() => session.Join(caller, s.Connection(0, HubKind.Visitor).Ref, 0))).Code);
            Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<EngagementException>(() => session.Send(caller, "x", "let me in"))).Code);
            Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<EngagementException>(() => session.Typing(caller, true))).Code);
        }
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<EngagementException>(() => session.Leave(stranger))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<EngagementException>(() => session.WrapUp(Caller.Agent(otherAgent)))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<EngagementException>(() => session.Close(Caller.Agent(otherAgent), null))).Code);
        Assert.Single(await session.ReadTranscript(owner, 0, 10), m => m.Kind == MessageKind.Text);
        Assert.NotEmpty(await session.ReadTranscript(new Caller(CallerKind.Supervisor, "sup"), 0, 10));
    }

    [Fact]
    public async Task A_resend_with_the_same_client_message_id_is_stored_once()
    {
        await using var s = cluster.Scenario();
        var visitor = Scenario.Visitor(Scenario.NewVisitorId());
        var session = s.Grains.GetSession(Scenario.NewSessionId());
        await session.Start(visitor, new StartSessionRequest(await s.Queue()));
        var first = await session.Send(visitor, "dup-1", "once");
        var again = await session.Send(visitor, "dup-1", "once");
        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Seq, again.Seq);
        Assert.Single(await session.ReadTranscript(visitor, 0, 50), m => m.Text == "once");
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_error_and_changes_nothing()
    {
        await using var s = cluster.Scenario();
        var visitor = Scenario.Visitor(Scenario.NewVisitorId());
        var session = s.Grains.GetSession(Scenario.NewSessionId());
        var missingQueue = await Assert.ThrowsAsync<EngagementException>(() => session.Start(visitor, new StartSessionRequest("no-such-queue")));
        Assert.Equal(ErrorCodes.NotFound, missingQueue.Code);
        await session.Start(visitor, new StartSessionRequest(await s.Queue()));
        var otherQueue = await s.Queue();
        Assert.Equal(ErrorCodes.Conflict, (await Assert.ThrowsAsync<EngagementException>(() => session.Start(visitor, new StartSessionRequest(otherQueue)))).Code);
        Assert.DoesNotContain(await session.ReadTranscript(visitor, 0, 50), m => m.Kind == MessageKind.Text);
    }

    [Fact]
    public async Task Identify_merges_the_visitor_into_the_known_customer()
    {
        await using var s = cluster.Scenario();
        var visitorId = Scenario.NewVisitorId();
        var knownId = "crm-" + Guid.NewGuid().ToString("N")[..10];
        var visitor = s.Grains.GetCustomer(visitorId);
        await visitor.Touch();
        await visitor.SetAttributes(new() { ["plan"] = "trial", ["name"] = "Anon" });
        var sessionId = Scenario.NewSessionId();
        await s.Grains.GetSession(sessionId).Start(Scenario.Visitor(visitorId), new StartSessionRequest(await s.Queue()));

        var known = await visitor.Identify(knownId, new() { ["name"] = "Dana Scully", ["email"] = "dana@example.com" });
        Assert.True(known.IsKnown);
        Assert.Equal("Dana Scully", known.DisplayName);
        Assert.Equal("trial", known.Attributes["plan"]);
        Assert.Contains(sessionId, known.SessionIds);
        Assert.Contains(visitorId, known.MergedVisitorIds);
        Assert.Equal(knownId, (await visitor.Get()).MergedInto);

        var asKnown = await s.Grains.GetSession(sessionId).Get(Scenario.Visitor(knownId));
        Assert.Equal(knownId, asKnown.CustomerId);
        Assert.Equal(ErrorCodes.Invalid, (await Assert.ThrowsAsync<EngagementException>(() => visitor.Identify("v_fake", []))).Code);

        // Identifying again as the same customer only updates traits.
        var same = await s.Grains.GetCustomer(knownId).Identify(knownId, new() { ["plan"] = "pro" });
        Assert.Equal("pro", same.Attributes["plan"]);
        Assert.Contains(sessionId, same.SessionIds);
    }
}
