using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Api;

/// <summary>Collects every documented event a connection receives, per event name, in arrival order.</summary>
public sealed class EventRecorder
{
    public static readonly string[] Names =
        ["message", "session", "queuePosition", "offer", "offerRevoked", "agentStatus", "typing", "customerPresence",
         "conversation", "conversationMessage", "conversationNote", "note", "inboxCounts"];

    /// <summary>How long to wait for an event before the test fails (a hang guard, not a speed assertion).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly Dictionary<string, Channel<JsonElement>> _channels = Names.ToDictionary(n => n, _ => Channel.CreateUnbounded<JsonElement>());

    public EventRecorder(HubConnection connection)
    {
        foreach (var name in Names)
        {
            var channel = _channels[name];
            connection.On<JsonElement>(name, payload => channel.Writer.TryWrite(payload.Clone()));
        }
    }

    /// <summary>The next <paramref name="name"/> event that satisfies <paramref name="match"/>; earlier ones are skipped.</summary>
    public async Task<JsonElement> NextAsync(string name, Func<JsonElement, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var payload = await _channels[name].Reader.ReadAsync(timeout.Token);
            if (match is null || match(payload)) return payload;
        }
    }

    /// <summary>Every <paramref name="name"/> event received so far, without waiting.</summary>
    public List<JsonElement> Drain(string name)
    {
        var list = new List<JsonElement>();
        while (_channels[name].Reader.TryRead(out var payload)) list.Add(payload);
        return list;
    }
}
