using System.Text.Json;

namespace Engagement.ConsoleClient;

/// <summary>The visitor's side: a new anonymous visitor asks a queue for a conversation.</summary>
internal static class VisitorChat
{
    public static async Task<int> RunAsync(IReadOnlyList<Uri> servers, string queue)
    {
        var visitor = await Connection.PostAsync(servers[0], "/api/visitors", null);
        var me = visitor.GetProperty("customerId").GetString()!;
        var ended = new TaskCompletionSource();
        await using var hub = Connection.Hub(servers, "/hubs/visitor?page=%2Fconsole", visitor.GetProperty("token").GetString()!, me);
        hub.On<JsonElement>("queuePosition", p => Console.WriteLine($"… you are number {p.GetProperty("position").GetInt32()} in the queue"));
        hub.On<JsonElement>("session", s =>
        {
            if (s.GetProperty("status").GetString() is "closed" or "abandoned") ended.TrySetResult();
        });
        await hub.StartAsync();
        Console.WriteLine($"You are visitor {me}. Waiting for someone in '{queue}'. Type to chat, /quit to leave.");
        // The request id makes a retry (the answer was lost to a failing node) reach the same session.
        var joined = await hub.StartSessionAsync(new { queueId = queue, topic = "From the console client", requestId = Guid.NewGuid().ToString("N") });
        var sessionId = joined.Session.SessionId;

        var typing = Task.Run(async () =>
        {
            while (Console.ReadLine() is { } line)
            {
                if (line.Trim() == "/quit") break;
                if (line.Trim().Length == 0) continue;
                try { await hub.SendMessageAsync(sessionId, line); }
                catch (Exception e) { Console.WriteLine($"! {e.Message}"); }
            }
        });
        await Task.WhenAny(typing, ended.Task);
        if (!ended.Task.IsCompleted) await hub.InvokeAsync<JsonElement>("LeaveSession", [sessionId]);
        Console.WriteLine("The conversation has ended.");
        return 0;
    }
}
