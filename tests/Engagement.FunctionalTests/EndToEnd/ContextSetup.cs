using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>
/// What the live-context end-to-end tests share: a visitor in an accepted session with an agent's workspace
/// (both real SignalR clients, recording the context events), and raw HTTP calls to the ingestion endpoint.
/// </summary>
public sealed class ContextSetup(EndToEndFixture e2e)
{
    public sealed record LiveSession(string SessionId, string CustomerId, string QueueId, EndToEndFixture.Login Agent, HubClient Workspace, HubClient Visitor)
        : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Workspace.DisposeAsync();
            await Visitor.DisposeAsync();
        }
    }

    /// <summary>A visitor on <paramref name="page"/> whose session an agent accepted in the workspace.</summary>
    public async Task<LiveSession> AcceptedSessionAsync(string page = "/")
    {
        var queue = await e2e.CreateQueueAsync();
        var agent = await e2e.CreateAgentAsync(queue, "ctx-agent");
        var workspace = await AgentAsync(agent.Token);
        var token = await e2e.NewVisitorAsync();
        var visitor = await VisitorAsync(token.Token, page);
        var sessionId = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue, "Context"))).Session.SessionId;
        await workspace.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId);
        await workspace.Connection.InvokeAsync<JoinResult>("AcceptOffer", sessionId);
        return new LiveSession(sessionId, token.CustomerId, queue, agent, workspace, visitor);
    }

    public async Task<HubClient> AgentAsync(string token)
    {
        var client = await HubClient.AgentAsync(e2e.Node.BaseUrl, token);
        client.Record<CustomerContext>(ClientEvents.CustomerContext);
        client.Record<SiteVisitor[]>(ClientEvents.SiteVisitor);
        client.Record<SiteVisitorLeft[]>(ClientEvents.SiteVisitorLeft);
        client.Record<VisitorAlert>(ClientEvents.VisitorAlert);
        return client;
    }

    public async Task<HubClient> VisitorAsync(string token, string page = "/")
    {
        var client = await HubClient.VisitorAsync(e2e.Node.BaseUrl, token, page);
        client.Record<Invitation>(ClientEvents.Invitation);
        return client;
    }

    public enum Auth { None, ApiKeyHeader, ApiKeyBearer, Token }

    /// <summary>POST /api/context/{customerId}/signals with the given credentials; the status and the JSON body.</summary>
    public async Task<(int Status, JsonNode? Body)> PostSignalsAsync(string customerId, object body, Auth auth = Auth.ApiKeyHeader, string? credential = null)
    {
        using var http = e2e.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/context/{customerId}/signals")
        {
            Content = body is string raw ? new StringContent(raw, System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body),
        };
        var secret = credential ?? EndToEndFixture.IngestionKey;
        if (auth == Auth.ApiKeyHeader) request.Headers.Add("X-Api-Key", secret);
        if (auth is Auth.ApiKeyBearer or Auth.Token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static object Device(string name, object value, string deviceId = "thermostat-1") =>
        new { kind = "device", name, values = new Dictionary<string, object> { ["value"] = value, ["unit"] = "C", ["deviceId"] = deviceId } };

    public static object Batch(params object[] signals) => new { signals };
}
