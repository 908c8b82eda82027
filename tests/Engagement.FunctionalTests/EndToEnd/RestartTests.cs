using System.Net.Http.Json;
using Engagement.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>Stopping every silo and restarting PostgreSQL loses no customer, agent, session or message.</summary>
[Collection(RestartCollection.Name)]
public class RestartTests
{
    [Fact]
    public async Task A_full_restart_of_every_silo_and_of_PostgreSQL_loses_nothing()
    {
        await using var e2e = new OwnedEndToEnd();
        await e2e.InitializeAsync();
        var queue = await e2e.Fixture.CreateQueueAsync();
        var alice = await e2e.Fixture.CreateAgentAsync(queue, "alice");
        var visitorToken = await e2e.Fixture.NewVisitorAsync();
        string sessionId;
        var acknowledged = new List<long>();
        await using (var agent = await HubClient.AgentAsync(e2e.Fixture.Node.BaseUrl, alice.Token))
        await using (var visitor = await HubClient.VisitorAsync(e2e.Fixture.Node.BaseUrl, visitorToken.Token))
        {
            await visitor.Connection.InvokeAsync<CustomerView>("SetAttributes", new Dictionary<string, string?> { ["plan"] = "enterprise" });
            sessionId = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue, "Renewal"))).Session.SessionId;
            await agent.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId);
            await agent.Connection.InvokeAsync<JoinResult>("AcceptOffer", sessionId);
            for (var i = 0; i < 10; i++)
            {
                var client = i % 2 == 0 ? visitor : agent;
                acknowledged.Add((await client.Connection.InvokeAsync<MessageAck>("SendMessage", sessionId, $"r-{i}", $"message {i}")).Seq);
            }
        }

        await e2e.Fixture.StopAllNodesAsync();
        await PostgresRestart.RestartAsync();
        var node = await e2e.Fixture.StartNodeAsync();

        var again = await e2e.Fixture.LoginAsync(alice.AgentId + "@e2e.test", "agent-password-123");
        Assert.Equal(alice.AgentId, again.AgentId);
        await using var resumed = await HubClient.VisitorAsync(node.BaseUrl, visitorToken.Token);
        var join = await resumed.Connection.InvokeAsync<JoinResult>("JoinSession", sessionId, 0L);
        Assert.Equal(SessionStatus.Active, join.Session.Status);
        Assert.Equal(alice.AgentId, join.Session.AssignedAgentId);
        Assert.All(acknowledged, seq => Assert.Contains(join.Missed, m => m.Seq == seq && m.Text == $"message {acknowledged.IndexOf(seq)}"));

        using var admin = e2e.Fixture.Http(e2e.Fixture.AdminToken, node);
        var details = await admin.GetFromJsonAsync<QueueDetailsDto>($"/api/queues/{queue}", EndToEndFixture.Json);
        Assert.Equal(queue, details!.Definition.QueueId);
        var customer = await resumed.Connection.InvokeAsync<CustomerView>("SetAttributes", new Dictionary<string, string?>());
        Assert.Equal("enterprise", customer.Attributes["plan"]);
        Assert.Contains(sessionId, customer.SessionIds);
    }

    private sealed record QueueDetailsDto(QueueDefinition Definition);

    /// <summary>An end-to-end fixture owned by one test, since it restarts the database server.</summary>
    private sealed class OwnedEndToEnd : IAsyncDisposable
    {
        public EndToEndFixture Fixture { get; } = new();

        public Task InitializeAsync() => Fixture.InitializeAsync();

        public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
    }
}

/// <summary>Runs alone: restarting PostgreSQL would break tests running beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RestartCollection
{
    public const string Name = "full restart";
}
