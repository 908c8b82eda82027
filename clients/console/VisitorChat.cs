using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.ConsoleClient;

/// <summary>The visitor's side: a new anonymous visitor asks a queue for a conversation.</summary>
internal static class VisitorChat
{
    public static async Task<int> RunAsync(Uri server, string queue)
    {
        var visitor = await Connection.PostAsync(server, "/api/visitors", null);
        var me = visitor.GetProperty("customerId").GetString()!;
        var transcript = new Connection.Transcript(me);
        string? sessionId = null;
        var ended = new TaskCompletionSource();
        HubConnection hub = null!;
        hub = Connection.Hub(server, "/hubs/visitor?page=%2Fconsole", visitor.GetProperty("token").GetString()!, async () =>
        {
            if (sessionId is not null) ShowAll(await hub.InvokeAsync<JsonElement>("JoinSession", sessionId, transcript.LastSeq), transcript);
        });
        hub.On<JsonElement>("message", transcript.Show);
        hub.On<JsonElement>("queuePosition", p => Console.WriteLine($"… you are number {p.GetProperty("position").GetInt32()} in the queue"));
        hub.On<JsonElement>("session", s =>
        {
            var status = s.GetProperty("status").GetString();
            if (status is "closed" or "abandoned") ended.TrySetResult();
        });
        await hub.StartAsync();
        Console.WriteLine($"You are visitor {me}. Waiting for someone in '{queue}'. Type to chat, /quit to leave.");
        var joined = await hub.InvokeAsync<JsonElement>("StartSession", new { queueId = queue, topic = "From the console client" });
        sessionId = joined.GetProperty("session").GetProperty("sessionId").GetString()!;
        ShowAll(joined, transcript);

        var typing = Task.Run(async () =>
        {
            while (Console.ReadLine() is { } line)
            {
                if (line.Trim() == "/quit") break;
                if (line.Trim().Length == 0) continue;
                try { await hub.InvokeAsync<JsonElement>("SendMessage", sessionId, Guid.NewGuid().ToString("N"), line); }
                catch (Exception e) { Console.WriteLine($"! {e.Message}"); }
            }
        });
        await Task.WhenAny(typing, ended.Task);
        if (!ended.Task.IsCompleted) await hub.InvokeAsync<JsonElement>("LeaveSession", sessionId);
        Console.WriteLine("The conversation has ended.");
        await hub.DisposeAsync();
        return 0;
    }

    private static void ShowAll(JsonElement joinResult, Connection.Transcript transcript)
    {
        foreach (var message in joinResult.GetProperty("missed").EnumerateArray()) transcript.Show(message);
    }
}
