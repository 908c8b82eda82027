using Engagement.LoadTests.Cluster;
using Engagement.FunctionalTests.EndToEnd;
using Engagement.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Engagement.FunctionalTests.Processes;

/// <summary>
/// HAProxy in front of two silo processes, as <c>./engage cluster</c> runs them: clients use one URL, and when
/// the silo under a client is killed the client reconnects through the same URL to the survivor.
/// </summary>
[Collection(ProcessCollection.Name)]
public class LoadBalancerFailoverTests(ITestOutputHelper output)
{
    private const string VisitorHub = "/hubs/visitor";
    private const int SwitchingProtocols = 101;

    [Fact]
    public async Task A_visitor_whose_silo_is_killed_reconnects_through_haproxy_to_the_survivor_and_no_acknowledged_message_is_lost()
    {
        await using var cluster = await ProcessCluster.StartAsync(new ProcessClusterOptions(Silos: 2, LoadBalancer: true));
        var lb = cluster.LoadBalancer!;
        var queue = await cluster.CreateQueueAsync();
        var alice = await cluster.CreateAgentAsync(queue, "alice");
        await using var agentClient = await HubClient.AgentAsync(lb.Url, alice.Token);
        await agentClient.WaitFor<AgentStatus>(ClientEvents.AgentStatus);
        var visitorToken = await cluster.NewVisitorAsync();
        var logged = lb.Requests().Count;
        await using var visitorClient = await HubClient.VisitorAsync(lb.Url, visitorToken.Token, configure: ResumingParticipant.Reconnect);
        // The load balancer's log says which silo took the visitor's WebSocket.
        var route = await lb.WaitForRequestAsync(r => r.Path == VisitorHub && r.Status == SwitchingProtocols, skip: logged);
        var victim = cluster.Silo(route.Server);
        var survivor = cluster.Silos.Single(s => s != victim);
        output.WriteLine($"visitor connected through {victim}; survivor {survivor}; logs in {cluster.LogDirectory}");

        // A conversation through the load balancer.
        var sessionId = (await visitorClient.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue, "Failover"))).Session.SessionId;
        await agentClient.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId, seconds: 60);
        await agentClient.Connection.InvokeAsync<JoinResult>("AcceptOffer", sessionId);
        var visitor = new ResumingParticipant(visitorClient, sessionId);
        var agent = new ResumingParticipant(agentClient, sessionId);
        for (var i = 0; i < 5; i++)
        {
            await visitor.SendAsync($"v-before-{i}", $"visitor before the kill {i}");
            await agent.SendAsync($"a-before-{i}", $"agent before the kill {i}");
        }

        var logBeforeKill = lb.Requests().Count;
        await victim.KillAsync();

        // The visitor goes on: its sends fail while the connection is down, it reconnects through haproxy,
        // re-joins with its last seq and resends each unacknowledged message under the same client id.
        for (var i = 0; i < 10; i++) await visitor.SendAsync($"v-after-{i}", $"visitor after the kill {i}");

        foreach (var incident in visitor.Incidents) output.WriteLine(incident);
        Assert.True(visitor.Reconnects >= 1, "the visitor's connection never dropped, so the kill missed it");
        Assert.True(visitor.Rejoins >= 1, "the visitor never re-joined its session");
        var reconnected = await lb.WaitForRequestAsync(r => r.Path == VisitorHub && r.Status == SwitchingProtocols, skip: logBeforeKill);
        Assert.Equal(survivor.Name, reconnected.Server);
        await lb.WaitForServerAsync(victim.Name, "DOWN", TimeSpan.FromSeconds(60));

        // Every acknowledged message is in the transcript exactly once, with the seq and text it was acknowledged with.
        var transcript = await visitor.TranscriptAsync();
        Assert.Equal(transcript.Count, transcript.Select(m => m.Seq).Distinct().Count());
        var acknowledged = visitor.Acknowledged.Concat(agent.Acknowledged).ToList();
        Assert.Equal(20, acknowledged.Count);
        Assert.All(acknowledged, sent =>
        {
            var stored = Assert.Single(transcript, m => m.ClientMessageId == sent.ClientMessageId);
            Assert.Equal(sent.Ack.Seq, stored.Seq);
            Assert.Equal(sent.Text, stored.Text);
        });
    }
}
