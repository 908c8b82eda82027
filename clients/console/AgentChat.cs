using System.Text.Json;

namespace Engagement.ConsoleClient;

/// <summary>The agent's side: sign in, become available, accept offers and talk in the current session.</summary>
internal static class AgentChat
{
    public static async Task<int> RunAsync(IReadOnlyList<Uri> servers, string email, string password)
    {
        var login = await Connection.PostAsync(servers[0], "/api/auth/login", new { email, password });
        var me = login.GetProperty("agentId").GetString()!;
        string? current = null;
        string? offered = null;
        await using var hub = Connection.Hub(servers, "/hubs/agent", login.GetProperty("token").GetString()!, me);
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
        await hub.InvokeAsync<JsonElement>("SetStatus", ["available"]);
        Console.WriteLine($"Signed in as {login.GetProperty("name").GetString()} and available. Commands: /accept /decline /close [outcome] /away /available /quit");

        while (Console.ReadLine() is { } line)
        {
            var text = line.Trim();
            try
            {
                switch (text.Split(' ', 2))
                {
                    case ["/quit"]: return 0;
                    case ["/away"] or ["/available"]: await hub.InvokeAsync<JsonElement>("SetStatus", [text[1..]]); break;
                    case ["/decline"] when offered is not null: await hub.InvokeAsync<object?>("DeclineOffer", [offered]); offered = null; break;
                    case ["/accept"] when offered is not null:
                        var accepting = offered;
                        offered = null;
                        await hub.AcceptOfferAsync(accepting);
                        current = accepting;
                        break;
                    case ["/close", ..] when current is not null:
                        var outcome = text.Length > 7 ? text[7..] : "resolved";
                        await hub.InvokeAsync<JsonElement>("CloseSession", [current, outcome]);
                        hub.Forget(current);
                        Console.WriteLine($"Closed {current} ({outcome}).");
                        current = null;
                        break;
                    case [var word, ..] when word.StartsWith('/'): Console.WriteLine("! nothing to do for that now"); break;
                    case [_, ..] when current is not null && text.Length > 0:
                        await hub.SendMessageAsync(current, text);
                        break;
                }
            }
            catch (Exception e)
            {
                Console.WriteLine($"! {e.Message}");
            }
        }
        return 0;
    }
}
