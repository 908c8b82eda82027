using System.Text.Json;
using Engagement.FunctionalTests.Api;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Contract;

/// <summary>A queue of its own with an available agent, and visitors asking for help in it (raw JSON over the real hubs).</summary>
internal sealed class Scene(ApiClient client, string queueId, string agentId, string agentToken, HubConnection agent, EventRecorder agentEvents)
    : IAsyncDisposable
{
    private readonly List<HubConnection> _connections = [agent];

    public ApiClient Client => client;
    public string QueueId => queueId;
    public string AgentId => agentId;
    public string AgentToken => agentToken;
    public HubConnection Agent => agent;
    public EventRecorder AgentEvents => agentEvents;

    public static async Task<Scene> StartAsync(ApiClient client)
    {
        var (queueId, agentId, agentToken) = await client.NewQueueWithAgentAsync();
        var (agent, events) = await client.ConnectAsync("agent", agentToken);
        await agent.InvokeAsync<JsonElement>("SetStatus", "available");
        return new Scene(client, queueId, agentId, agentToken, agent, events);
    }

    /// <summary>A new visitor starts a session; it is offered to the agent (not accepted).</summary>
    public async Task<(string SessionId, HubConnection Visitor, EventRecorder Events, string Token)> OfferedAsync()
    {
        var (_, token) = await client.NewVisitorAsync();
        var (visitor, events) = await Connect("visitor", token);
        var started = await visitor.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId }));
        var sessionId = started.GetProperty("session").GetProperty("sessionId").GetString()!;
        await agentEvents.NextAsync("offer", o => o.GetProperty("sessionId").GetString() == sessionId);
        return (sessionId, visitor, events, token);
    }

    /// <summary>As <see cref="OfferedAsync"/>, then the agent accepts: the session is active.</summary>
    public async Task<(string SessionId, HubConnection Visitor, EventRecorder Events, string Token)> ActiveAsync()
    {
        var offered = await OfferedAsync();
        await agent.InvokeAsync<JsonElement>("AcceptOffer", offered.SessionId);
        return offered;
    }

    /// <summary>Staff of another <paramref name="role"/> in no queue (never offered this queue's sessions): connection and token.</summary>
    public async Task<(HubConnection Connection, string Token)> StaffAsync(string role = "agent")
    {
        var admin = await client.AdminTokenAsync();
        var email = $"{role}-{Guid.NewGuid():N}@engagement.test";
        await client.OkAsync(HttpMethod.Post, "/api/agents", admin, new { displayName = $"Other {role}", email, role, password = "staff-test-password" });
        var token = await client.LoginAsync(email, "staff-test-password");
        var (connection, _) = await Connect("agent", token);
        return (connection, token);
    }

    public async Task<(HubConnection Connection, EventRecorder Events)> Connect(string hub, string token)
    {
        var connected = await client.ConnectAsync(hub, token);
        _connections.Add(connected.Connection);
        return connected;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
    }
}
