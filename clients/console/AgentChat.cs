using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.ConsoleClient;

/// <summary>The agent's side: sign in, become available, accept offers and talk in the current session.</summary>
internal static class AgentChat
{
    public static async Task<int> RunAsync(Uri server, string email, string password)
    {
        var login = await Connection.PostAsync(server, "/api/auth/login", new { email, password });
        var me = login.GetProperty("agentId").GetString()!;
        var transcripts = new ConcurrentDictionary<string, Connection.Transcript>();
        string? current = null;
        string? offered = null;
        HubConnection hub = null!;
        hub = Connection.Hub(server, "/hubs/agent", login.GetProperty("token").GetString()!, async () =>
        {
            foreach (var (sessionId, transcript) in transcripts) Show(await hub.InvokeAsync<JsonElement>("JoinSession", sessionId, transcript.LastSeq), transcripts, me);
        });
        hub.On<JsonElement>("message", m => transcripts.GetOrAdd(m.GetProperty("sessionId").GetString()!, _ => new(me)).Show(m));
        hub.On<JsonElement>("offer", o =>
        {
            offered = o.GetProperty("sessionId").GetString();
            Console.WriteLine($"» offer: session {offered} ({o.GetProperty("topic").GetString() ?? "no topic"}) — /accept or /decline");
        });
        hub.On<JsonElement>("offerRevoked", o =>
        {
            var sessionId = o.GetProperty("sessionId").GetString();
            if (offered == sessionId) offered = null;
            Console.WriteLine($"» offer for {sessionId} withdrawn ({o.GetProperty("reason").GetString()})");
        });
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("SetStatus", "available");
        Console.WriteLine($"Signed in as {login.GetProperty("name").GetString()} and available. Commands: /accept /decline /close [outcome] /away /available /quit");

        while (Console.ReadLine() is { } line)
        {
            var text = line.Trim();
            try
            {
                switch (text.Split(' ', 2))
                {
                    case ["/quit"]: await hub.DisposeAsync(); return 0;
                    case ["/away"] or ["/available"]: await hub.InvokeAsync<JsonElement>("SetStatus", text[1..]); break;
                    case ["/decline"] when offered is not null: await hub.InvokeAsync("DeclineOffer", offered); offered = null; break;
                    case ["/accept"] when offered is not null:
                        var accepting = offered;
                        offered = null;
                        Show(await hub.InvokeAsync<JsonElement>("AcceptOffer", accepting), transcripts, me);
                        current = accepting;
                        break;
                    case ["/close", ..] when current is not null:
                        var outcome = text.Length > 7 ? text[7..] : "resolved";
                        await hub.InvokeAsync<JsonElement>("CloseSession", current, outcome);
                        Console.WriteLine($"Closed {current} ({outcome}).");
                        current = null;
                        break;
                    case [var word, ..] when word.StartsWith('/'): Console.WriteLine("! nothing to do for that now"); break;
                    case [_, ..] when current is not null && text.Length > 0:
                        await hub.InvokeAsync<JsonElement>("SendMessage", current, Guid.NewGuid().ToString("N"), text);
                        break;
                }
            }
            catch (Exception e)
            {
                Console.WriteLine($"! {e.Message}");
            }
        }
        await hub.DisposeAsync();
        return 0;
    }

    private static void Show(JsonElement joinResult, ConcurrentDictionary<string, Connection.Transcript> transcripts, string me)
    {
        var sessionId = joinResult.GetProperty("session").GetProperty("sessionId").GetString()!;
        var transcript = transcripts.GetOrAdd(sessionId, _ => new(me));
        foreach (var message in joinResult.GetProperty("missed").EnumerateArray()) transcript.Show(message);
    }
}
