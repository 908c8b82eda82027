using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Api;

/// <summary>What a client written from docs/protocol.md does: REST calls with bearer tokens and hub connections.</summary>
public sealed class ApiClient(Uri address)
{
    private readonly HttpClient _http = new() { BaseAddress = address };

    public Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? token = null, object? body = null) =>
        SendContentAsync(method, path, token, body is null ? null : JsonContent.Create(body));

    /// <summary>Sends any content (wrong types, raw bytes); the body comes back parsed as JSON, or null when empty.</summary>
    public async Task<(int Status, JsonNode? Body)> SendContentAsync(HttpMethod method, string path, string? token, HttpContent? content)
    {
        var (status, _, body) = await SendRawAsync(method, path, token, content);
        return (status, body);
    }

    /// <summary>As <see cref="SendContentAsync"/>, with the response's content type.</summary>
    /// <remarks>
    /// Bodies are sent after "100 Continue": a server refusing one by its size (413) answers before it is sent,
    /// instead of closing the connection under the client's feet.
    /// </remarks>
    public async Task<(int Status, string? ContentType, JsonNode? Body)> SendRawAsync(HttpMethod method, string path, string? token, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.ExpectContinue = content is not null;
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>A GET whose answer is not JSON (an export, a document): status, content type and the text.</summary>
    public async Task<(int Status, string? ContentType, string Text)> GetTextAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonNode> OkAsync(HttpMethod method, string path, string? token = null, object? body = null)
    {
        var (status, json) = await SendAsync(method, path, token, body);
        Assert.True(status is >= 200 and < 300, $"{method} {path} answered {status}: {json?.ToJsonString()}");
        return json!;
    }

    /// <summary>A new anonymous visitor: its id and token.</summary>
    public async Task<(string CustomerId, string Token)> NewVisitorAsync()
    {
        var json = await OkAsync(HttpMethod.Post, "/api/visitors");
        return (json["customerId"]!.GetValue<string>(), json["token"]!.GetValue<string>());
    }

    public async Task<string> LoginAsync(string email, string password) =>
        (await OkAsync(HttpMethod.Post, "/api/auth/login", body: new { email, password }))["token"]!.GetValue<string>();

    /// <summary>The admin's token, signed in once per node: sign-ins per email are limited (10 per 5 minutes).</summary>
    public Task<string> AdminTokenAsync() =>
        AdminTokens.GetOrAdd(_http.BaseAddress!, _ => LoginAsync(ApiFixture.AdminEmail, ApiFixture.AdminPassword));

    private static readonly ConcurrentDictionary<Uri, Task<string>> AdminTokens = new();

    /// <summary>A queue of its own and an agent serving it, so tests do not share routing state.</summary>
    public async Task<(string QueueId, string AgentId, string AgentToken)> NewQueueWithAgentAsync()
    {
        var admin = await AdminTokenAsync();
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var queueId = $"q-{suffix}";
        await OkAsync(HttpMethod.Post, "/api/queues", admin, new { queueId, name = $"Queue {suffix}", skills = new[] { "chat" } });
        var (agentId, agentToken) = await NewAgentAsync(queueId, suffix);
        return (queueId, agentId, agentToken);
    }

    /// <summary>Another agent serving <paramref name="queueId"/>: its id and token.</summary>
    public async Task<(string AgentId, string AgentToken)> NewAgentAsync(string queueId, string? suffix = null)
    {
        suffix ??= Guid.NewGuid().ToString("N")[..10];
        var email = $"agent-{suffix}@engagement.test";
        var agent = await OkAsync(HttpMethod.Post, "/api/agents", await AdminTokenAsync(), new
        {
            displayName = $"Agent {suffix}", email, role = "agent", skills = new[] { "chat" }, capacity = 2,
            queues = new[] { queueId }, password = "agent-test-password",
        });
        return (agent["profile"]!["agentId"]!.GetValue<string>(), await LoginAsync(email, "agent-test-password"));
    }

    /// <summary>
    /// A started hub connection recording its events: WebSockets without negotiation, as the widget connects
    /// behind a load balancer, or with the negotiate step when <paramref name="negotiate"/> is set.
    /// </summary>
    public async Task<(HubConnection Connection, EventRecorder Events)> ConnectAsync(string hub, string token, string query = "", bool negotiate = false)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_http.BaseAddress!, $"/hubs/{hub}{query}"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = !negotiate;
            })
            .Build();
        var events = new EventRecorder(connection);
        await connection.StartAsync();
        return (connection, events);
    }

    public static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value);
}
