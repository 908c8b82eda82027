using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.LoadTests.Hubs;

namespace Engagement.LoadTests.Chat;

/// <summary>The REST calls the benchmark's setup needs: sign-in, a queue, agent accounts, anonymous visitors.</summary>
internal sealed class EngagementApi(Uri baseUrl) : IDisposable
{
    private static readonly JsonSerializerOptions Json = CreateJson();
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

    public Uri HubUrl(string hub) => new(baseUrl, $"/hubs/{hub}");

    public Task<LoginResponse> LoginAsync(string email, string password, CancellationToken ct) =>
        PostAsync<LoginResponse>("/api/auth/login", null, new { email, password }, ct);

    public Task CreateQueueAsync(string adminToken, string queueId, CancellationToken ct) =>
        PostAsync<JsonElement>("/api/queues", adminToken, new { queueId, name = $"Load test {queueId}" }, ct);

    public Task CreateAgentAsync(string adminToken, string agentId, string email, string password, int capacity, string queueId, CancellationToken ct) =>
        PostAsync<JsonElement>("/api/agents", adminToken, new
        {
            agentId,
            displayName = $"Load agent {agentId}",
            email,
            role = "agent",
            capacity,
            queues = new[] { queueId },
            password,
        }, ct);

    public Task<VisitorTokenResponse> CreateVisitorAsync(CancellationToken ct) =>
        PostAsync<VisitorTokenResponse>("/api/visitors", null, null, ct);

    private async Task<T> PostAsync<T>(string path, string? token, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        using var response = await _http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(ct);
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {detail}");
        }

        return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HubConnections.Apply(options);
        return options;
    }

    public void Dispose() => _http.Dispose();
}
