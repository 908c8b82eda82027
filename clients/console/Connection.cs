using System.Net.Http.Json;
using System.Text.Json;
using Engagement.Client;

namespace Engagement.ConsoleClient;

/// <summary>HTTP and hub plumbing shared by both sides of the chat, following docs/protocol.md.</summary>
internal static class Connection
{
    public static async Task<JsonElement> PostAsync(Uri server, string path, object? body)
    {
        using var http = new HttpClient { BaseAddress = server };
        var response = await http.PostAsJsonAsync(path, body, Protocol.Json);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Protocol.Json);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {json.GetProperty("detail").GetString()}");
        return json;
    }

    /// <summary>
    /// A connection that recovers by itself (reconnects, moves off draining nodes, re-joins sessions from their
    /// highest contiguous seq) and prints each session's messages once, in order. ENGAGE_URL may list several
    /// nodes, separated by commas: a reconnect tries the next.
    /// </summary>
    public static EngagementConnection Hub(IReadOnlyList<Uri> servers, string path, string token, string me)
    {
        var connection = new EngagementConnection(new EngagementConnectionOptions(
            servers.Select(s => new Uri(s, path)).ToList(), () => Task.FromResult<string?>(token))
        {
            Log = line => Console.WriteLine($"… {line}"),
        });
        connection.Delivered = (m, _) =>
        {
            var name = m.Kind == "event" ? "*" : m.SenderId == me ? "you" : m.SenderName;
            Console.WriteLine($"[{m.Seq,3}] {name}: {m.Text}");
        };
        return connection;
    }
}
