using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Engagement.LoadTests.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.LoadTests.Api;

/// <summary>
/// The REST calls the benchmarks' setup needs (sign-in, a queue, agent accounts, anonymous visitors) and their
/// hub connections, spoken as docs/protocol.md describes them (raw JSON). Queue and agent names, skills and
/// titles are the caller's, so each benchmark creates exactly the accounts it describes.
/// </summary>
internal sealed class EngagementApi(Uri baseUrl) : IDisposable
{
    // Request bodies: the web defaults (camelCase); an optional field that is null is left out, not sent as null.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A hub's URL on this server; <paramref name="query"/> starts with "?" when given.</summary>
    public Uri HubUrl(string hub, string query = "") => new(baseUrl, $"/hubs/{hub}{query}");

    /// <summary>A connection (not started) to a hub of this server, signed in with <paramref name="token"/>.</summary>
    public HubConnection Hub(string hub, string token, string query = "") => HubConnections.Create(HubUrl(hub, query), token);

    /// <summary>Signs in; the account's token.</summary>
    public async Task<string> LoginAsync(string email, string password, CancellationToken ct) =>
        (await PostAsync("/api/auth/login", null, new { email, password }, ct)).GetProperty("token").GetString()!;

    public Task CreateQueueAsync(string adminToken, NewQueue queue, CancellationToken ct) =>
        PostAsync("/api/queues", adminToken, queue, ct);

    public Task CreateAgentAsync(string adminToken, NewAgent agent, CancellationToken ct) =>
        PostAsync("/api/agents", adminToken, agent, ct);

    /// <summary>A new anonymous visitor: its customer id and token.</summary>
    public async Task<(string CustomerId, string Token)> CreateVisitorAsync(CancellationToken ct)
    {
        var json = await PostAsync("/api/visitors", null, null, ct);
        return (json.GetProperty("customerId").GetString()!, json.GetProperty("token").GetString()!);
    }

    /// <summary>A session's stored transcript page: seq &gt; <paramref name="afterSeq"/>, at most <paramref name="limit"/> (1–200).</summary>
    public async Task<TranscriptRow[]> TranscriptAsync(string token, string sessionId, long afterSeq, int limit, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{Uri.EscapeDataString(sessionId)}/transcript?afterSeq={afterSeq}&limit={limit}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TranscriptRow[]>(Json, ct))!;
    }

    /// <summary>POST /api/visitors as a probe: only the HTTP status (a connection that failed counts as 503).</summary>
    public async Task<int> ProbeVisitorCreationAsync(CancellationToken ct)
    {
        try
        {
            using var response = await _http.PostAsync("/api/visitors", null, ct);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 503;
        }
    }

    private async Task<JsonElement> PostAsync(string path, string? token, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A stored message, as the transcript endpoint returns it (what the failover check needs).</summary>
internal sealed record TranscriptRow(string SessionId, long Seq, string? ClientMessageId);

/// <summary>The body of POST /api/queues (a routing policy only when given).</summary>
internal sealed record NewQueue(string QueueId, string Name, string[]? Skills = null, QueueRouting? Routing = null);

/// <summary>A queue's <c>routing</c> policy as POST /api/queues takes it (grain-interfaces/Queues/RoutingPolicy.cs).</summary>
internal sealed record QueueRouting(int Priority = 0, QueuePriorityRule[]? PriorityRules = null, int AgingPerMinute = 0, int SkillLevel = 1, QueueRoutingStep[]? Steps = null);

/// <summary>A contact whose attribute equals the value gets the boost.</summary>
internal sealed record QueuePriorityRule(string Attribute, string Value, int Boost);

/// <summary>A relaxation step: after this long waiting, one of a lower skill level or any agent (overflow and leave-a-message are not used here).</summary>
internal sealed record QueueRoutingStep(TimeSpan After, int? SkillLevel = null, bool? AnyAgent = null);

/// <summary>The body of POST /api/agents (fields in the order the benchmarks always sent them; skill levels only when given).</summary>
internal sealed record NewAgent(
    string AgentId, string DisplayName, string Email, string Role, string[]? Skills, int Capacity, string[] Queues, string? Title, string Password,
    IReadOnlyDictionary<string, int>? SkillLevels = null);
