using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.LoadTests.Context;

/// <summary>The REST and hub calls the context benchmark's setup needs, spoken as docs/protocol.md describes them (raw JSON).</summary>
internal sealed class ContextBenchApi(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

    public async Task<string> LoginAsync(string email, string password, CancellationToken ct) =>
        (await PostAsync("/api/auth/login", null, new { email, password }, ct)).GetProperty("token").GetString()!;

    public Task CreateQueueAsync(string adminToken, string queueId, CancellationToken ct) =>
        PostAsync("/api/queues", adminToken, new { queueId, name = $"Context bench {queueId}", skills = new[] { "support" } }, ct);

    public Task CreateAgentAsync(string adminToken, string agentId, string password, int capacity, string queueId, CancellationToken ct) =>
        PostAsync("/api/agents", adminToken, new
        {
            agentId, displayName = $"Bench {agentId}", email = $"{agentId}@bench.local", role = "agent", skills = new[] { "support" },
            capacity, queues = new[] { queueId }, password,
        }, ct);

    /// <summary>A new anonymous visitor: its customer id and token.</summary>
    public async Task<(string CustomerId, string Token)> NewVisitorAsync(CancellationToken ct)
    {
        var json = await PostAsync("/api/visitors", null, null, ct);
        return (json.GetProperty("customerId").GetString()!, json.GetProperty("token").GetString()!);
    }

    public HubConnection Hub(string hub, string token, string query = "") => new HubConnectionBuilder()
        .WithUrl(new Uri(baseUrl, $"/hubs/{hub}{query}"), o =>
        {
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
        })
        .Build();

    private async Task<JsonElement> PostAsync(string path, string? token, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}
