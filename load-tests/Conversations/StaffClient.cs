using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Engagement.LoadTests.Conversations;

/// <summary>
/// REST as a signed-in staff account (docs/protocol.md): the calls the conversation benchmarks make, raw JSON in and
/// out. One HttpClient with enough connections for the benchmark's concurrency.
/// </summary>
internal sealed class StaffClient(Uri baseUrl, string token) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Signs in with email and password.</summary>
    public static async Task<StaffClient> SignInAsync(Uri baseUrl, string email, string password, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password }, Json, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"sign-in as {email} answered {(int)response.StatusCode}: {text}");
        return new StaffClient(baseUrl, JsonDocument.Parse(text).RootElement.GetProperty("token").GetString()!);
    }

    /// <summary>A GET whose answer is read to the end; its status code.</summary>
    public async Task<HttpStatusCode> GetAsync(string pathAndQuery, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, pathAndQuery, null, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        return response.StatusCode;
    }

    /// <summary>POST (or another method) with a JSON body; the answer's JSON, or an error naming the status. <paramref name="tolerated"/> answers return default.</summary>
    public async Task<JsonElement> CallAsync(HttpMethod method, string path, object? body, CancellationToken ct, params HttpStatusCode[] tolerated)
    {
        using var response = await SendAsync(method, path, body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (tolerated.Contains(response.StatusCode)) return default;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        return _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
    }

    public void Dispose() => _http.Dispose();
}
