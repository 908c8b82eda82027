using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Engagement.Media.Tests.Bench;

/// <summary>
/// The Janus HTTP API as the VideoRoom demo uses it: one session, one plugin handle per peer,
/// messages with optional JSEP, events (with the JSEP answers and offers) by long poll.
/// </summary>
internal sealed class JanusVideoRoomClient : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(90) };
    private readonly Uri _api;
    private readonly ConcurrentDictionary<long, ConcurrentQueue<JsonObject>> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private long _session;
    private Task? _poll;
    private int _transaction;

    public JanusVideoRoomClient(Uri api) => _api = api;

    public async Task StartAsync()
    {
        _session = (await PostAsync(_api, new JsonObject { ["janus"] = "create" }))["data"]!["id"]!.GetValue<long>();
        _poll = Task.Run(PollAsync);
    }

    public async Task<long> AttachAsync()
    {
        var reply = await PostAsync(new Uri($"{_api}/{_session}"), new JsonObject { ["janus"] = "attach", ["plugin"] = "janus.plugin.videoroom" });
        var handle = reply["data"]!["id"]!.GetValue<long>();
        _events[handle] = new ConcurrentQueue<JsonObject>();
        return handle;
    }

    /// <summary>Sends a plugin message and waits for the handle's event that carries a JSEP.</summary>
    public async Task<(JsonObject Event, string Sdp)> RequestWithJsepAsync(long handle, JsonObject body, string? jsepType = null, string? sdp = null)
    {
        var message = new JsonObject { ["janus"] = "message", ["body"] = body };
        if (jsepType is not null) message["jsep"] = new JsonObject { ["type"] = jsepType, ["sdp"] = sdp };
        await PostAsync(new Uri($"{_api}/{_session}/{handle}"), message);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_events[handle].TryDequeue(out var e))
            {
                if (e["jsep"]?["sdp"] is { } jsep) return (e, jsep.GetValue<string>());
                if (e["plugindata"]?["data"]?["error"] is { } error) throw new InvalidOperationException("Janus: " + error);
                continue;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("no JSEP event from Janus");
    }

    /// <summary>Sends a plugin message (with an optional JSEP) without waiting for its event.</summary>
    public Task MessageAsync(long handle, JsonObject body, string? jsepType = null, string? sdp = null)
    {
        var message = new JsonObject { ["janus"] = "message", ["body"] = body };
        if (jsepType is not null) message["jsep"] = new JsonObject { ["type"] = jsepType, ["sdp"] = sdp };
        return PostAsync(new Uri($"{_api}/{_session}/{handle}"), message);
    }

    private async Task PollAsync()
    {
        var lastKeepalive = DateTime.UtcNow;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var reply = await _http.GetFromJsonAsync<JsonNode>($"{_api}/{_session}?maxev=20", _stop.Token);
                var items = reply is JsonArray array ? array.Select(n => n!.AsObject()).ToList() : [reply!.AsObject()];
                foreach (var item in items)
                {
                    if (item["sender"] is { } sender && _events.TryGetValue(sender.GetValue<long>(), out var queue)) queue.Enqueue(item);
                }
                if (DateTime.UtcNow - lastKeepalive > TimeSpan.FromSeconds(20))
                {
                    await PostAsync(new Uri($"{_api}/{_session}"), new JsonObject { ["janus"] = "keepalive" });
                    lastKeepalive = DateTime.UtcNow;
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
    }

    private async Task<JsonObject> PostAsync(Uri uri, JsonObject message)
    {
        message["transaction"] = $"t{Interlocked.Increment(ref _transaction)}";
        var response = await _http.PostAsJsonAsync(uri, message);
        var reply = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        if (reply["janus"]?.GetValue<string>() == "error") throw new InvalidOperationException("Janus: " + reply["error"]);
        return reply;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_poll is not null) await _poll;
        try
        {
            await PostAsync(new Uri($"{_api}/{_session}"), new JsonObject { ["janus"] = "destroy" });
        }
        catch (Exception)
        {
        }
        _http.Dispose();
    }
}
