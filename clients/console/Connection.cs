using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.ConsoleClient;

/// <summary>HTTP and hub plumbing shared by both sides of the chat, following docs/protocol.md.</summary>
internal static class Connection
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<JsonElement> PostAsync(Uri server, string path, object? body)
    {
        using var http = new HttpClient { BaseAddress = server };
        var response = await http.PostAsJsonAsync(path, body, Json);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {json.GetProperty("detail").GetString()}");
        return json;
    }

    /// <summary>A hub connection that reconnects by itself; <paramref name="onReconnected"/> resumes sessions.</summary>
    public static HubConnection Hub(Uri server, string path, string token, Func<Task> onReconnected)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server, path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = Json)
            .WithAutomaticReconnect()
            .Build();
        hub.Reconnected += _ => onReconnected();
        hub.Reconnecting += _ => { Console.WriteLine("… connection lost, reconnecting"); return Task.CompletedTask; };
        return hub;
    }

    /// <summary>Prints a message once, in order: the resume rule keeps the highest seq seen.</summary>
    public sealed class Transcript(string me)
    {
        public long LastSeq { get; private set; }

        public void Show(JsonElement message)
        {
            var seq = message.GetProperty("seq").GetInt64();
            if (seq <= LastSeq) return;
            LastSeq = seq;
            var kind = message.GetProperty("kind").GetString();
            var sender = message.GetProperty("senderId").GetString();
            var name = kind == "event" ? "*" : sender == me ? "you" : message.GetProperty("senderName").GetString();
            Console.WriteLine($"[{seq,3}] {name}: {message.GetProperty("text").GetString()}");
        }
    }
}
