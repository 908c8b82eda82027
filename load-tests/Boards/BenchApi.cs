using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Engagement.LoadTests.Boards;

/// <summary>The few REST calls the directory benchmark needs: sign in, create a queue and a representative, get visitor tokens.</summary>
internal sealed class BenchApi(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

    public async Task<string> LoginAsync(string email, string password, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync("/api/auth/login", new { email, password }, ct);
        await EnsureAsync(response, "sign-in");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString()!;
    }

    public async Task CreateQueueAsync(string adminToken, string queueId, CancellationToken ct) =>
        await PostAsync(adminToken, "/api/queues", new { queueId, name = "Directory bench " + queueId, skills = new[] { "bench" } }, ct);

    public async Task CreateAgentAsync(string adminToken, string agentId, string email, string password, string queueId, CancellationToken ct) =>
        await PostAsync(adminToken, "/api/agents", new
        {
            agentId, displayName = "Bench " + agentId, email, role = "agent", skills = new[] { "bench" }, capacity = 3,
            queues = new[] { queueId }, title = "Benchmark representative", password,
        }, ct);

    /// <summary>A new anonymous visitor's token.</summary>
    public async Task<string> NewVisitorAsync(CancellationToken ct)
    {
        using var response = await _http.PostAsync("/api/visitors", null, ct);
        await EnsureAsync(response, "new visitor");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString()!;
    }

    private async Task PostAsync(string token, string path, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, ct);
        await EnsureAsync(response, path);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose() => _http.Dispose();
}
