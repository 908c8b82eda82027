using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>
/// PostgreSQL stopped under a running node: REST and hub calls that need it answer "unavailable" (503 / HubException)
/// and connections stay open; once it is back, the same node and the same connection serve the same calls again.
/// </summary>
[Collection(RestartCollection.Name)]
public class DatabaseOutageTests
{
    [Fact]
    public async Task While_PostgreSQL_is_stopped_calls_are_unavailable_and_the_same_node_serves_them_once_it_is_back()
    {
        var e2e = new EndToEndFixture();
        await e2e.InitializeAsync();
        try
        {
            var queue = await e2e.CreateQueueAsync();
            var visitorToken = await e2e.NewVisitorAsync();
            await using var visitor = await HubClient.VisitorAsync(e2e.Node.BaseUrl, visitorToken.Token);
            var waiting = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue, "Before the outage"))).Session.SessionId;
            using var http = e2e.Http();

            await using (await PostgresRestart.StopAsync())
            {
                var response = await http.PostAsync("/api/visitors", null);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("unavailable", problem.GetProperty("code").GetString());
                Assert.Equal(503, problem.GetProperty("status").GetInt32());
                Assert.Equal(FailureClassifier.UnavailableMessage, problem.GetProperty("detail").GetString());
                // Still ready: every node shares the database, so a load balancer must not cut live connections over it.
                var ready = await http.GetAsync("/health/ready");
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
                Assert.Equal("Degraded", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

                var start = await Assert.ThrowsAsync<HubException>(() =>
                    visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue, "During the outage")));
                Assert.Contains("HubException: unavailable: ", start.Message, StringComparison.Ordinal);
                var send = await Assert.ThrowsAsync<HubException>(() =>
                    visitor.Connection.InvokeAsync<MessageAck>("SendMessage", waiting, "c-1", "Is anyone there?"));
                Assert.Contains("HubException: unavailable: ", send.Message, StringComparison.Ordinal);
                Assert.Equal(HubConnectionState.Connected, visitor.Connection.State);
            }

            // Back: the node reconnects by itself. The first calls may still meet a broken pooled connection, which is
            // "unavailable" again; a client retries, a send with the same client message id.
            var created = await UntilAvailableAsync(async () =>
            {
                var response = await http.PostAsync("/api/visitors", null);
                return response.StatusCode == HttpStatusCode.ServiceUnavailable ? null : response;
            });
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            var ack = await UntilAvailableAsync(Hub(() => visitor.Connection.InvokeAsync<MessageAck>("SendMessage", waiting, "c-1", "Is anyone there?")));
            Assert.False(ack.Duplicate);
            var started = await UntilAvailableAsync(Hub(() => visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue, "After the outage"))));
            Assert.NotEqual(waiting, started.Session.SessionId);
            Assert.Equal(HubConnectionState.Connected, visitor.Connection.State);
            var again = await visitor.Connection.InvokeAsync<MessageAck>("SendMessage", waiting, "c-1", "Is anyone there?");
            Assert.Equal((ack.Seq, true), (again.Seq, again.Duplicate));
        }
        finally
        {
            await e2e.DisposeAsync();
        }
    }

    /// <summary>Repeats an attempt while it answers null ("unavailable"); the deadline only bounds a failing test.</summary>
    private static async Task<T> UntilAvailableAsync<T>(Func<Task<T?>> attempt) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await attempt() is { } result) return result;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Still unavailable after PostgreSQL came back.");
            await Task.Delay(200);
        }
    }

    /// <summary>A hub call as an attempt: null when it failed with "unavailable".</summary>
    private static Func<Task<T?>> Hub<T>(Func<Task<T>> call) where T : class => async () =>
    {
        try
        {
            return await call();
        }
        catch (HubException e) when (e.Message.Contains("HubException: unavailable: ", StringComparison.Ordinal))
        {
            return null;
        }
    };
}
