namespace Engagement.FunctionalTests.Cluster;

/// <summary>Grains reach connections held by any silo in one hop, and sessions survive losing a silo.</summary>
[Collection(FailoverCollection.Name)]
public class CrossSiloTests(FailoverClusterFixture cluster)
{
    [Fact]
    public async Task A_grain_on_one_silo_pushes_to_a_connection_held_by_the_other()
    {
        await using var s = cluster.Scenario();
        var visitor = Scenario.Visitor(Scenario.NewVisitorId());
        var sessionId = Scenario.NewSessionId();
        var session = s.Grains.GetSession(sessionId);
        await session.Start(visitor, new StartSessionRequest(await s.Queue()));

        var host = await cluster.SiloOf(session);
        var other = cluster.IndexOfSiloOtherThan(host);
        var (connection, recorder) = s.Connection(other, HubKind.Visitor);
        Assert.NotEqual(host, connection.Silo);
        await session.Join(visitor, connection, 0);
        var ack = await session.Send(visitor, "x-1", "across the cluster");

        var delivered = await recorder.WaitFor<ChatMessage>(connection.ConnectionId, ClientEvents.Message, m => m.Seq == ack.Seq);
        Assert.Equal("across the cluster", delivered.Text);
    }

    [Fact]
    public async Task A_silo_stopped_mid_session_loses_nothing_and_the_session_carries_on()
    {
        await using var s = cluster.Scenario();
        var queue = await s.Queue();
        var alice = await s.Agent(queue, "alice");
        var visitor = Scenario.Visitor(Scenario.NewVisitorId());
        var agent = Caller.Agent(alice, "alice");
        var sessionId = Scenario.NewSessionId();
        var session = s.Grains.GetSession(sessionId);
        await session.Start(visitor, new StartSessionRequest(queue));
        var (agentConnection, agentEvents) = await s.ConnectAgent(alice, siloIndex: 0);
        await agentEvents.WaitFor<SessionOffer>(agentConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
        await s.Grains.GetAgent(alice).Accept(sessionId);
        var acks = new List<MessageAck>();
        for (var i = 0; i < 5; i++) acks.Add(await session.Send(i % 2 == 0 ? visitor : agent, $"m-{i}", $"before {i}"));

        var host = await cluster.SiloOf(session);
        await cluster.StopSilo(host);

        // The next call activates the session on a surviving silo, from PostgreSQL.
        var resumed = await session.Join(visitor, s.Connection(cluster.AnyLiveIndex(), HubKind.Visitor).Ref, 0);
        Assert.Equal(SessionStatus.Active, resumed.Session.Status);
        Assert.All(acks, a => Assert.Contains(resumed.Missed, m => m.Seq == a.Seq));
        var after = await session.Send(visitor, "m-after", "after the failover");
        Assert.Equal(resumed.Session.LastSeq + 1, after.Seq);
        var again = await session.Send(visitor, "m-4", "before 4");
        Assert.True(again.Duplicate);
        Assert.NotEqual(host, await cluster.SiloOf(session));
    }
}
