using System.Diagnostics;
using System.Text.Json;
using Engagement.LoadTests.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.LoadTests.TeamDirectory;

/// <summary>
/// One visitor connection watching the directory. It keeps, for the benchmark's representatives only, when each
/// presence it was told about arrived (Stopwatch ticks of this process), so latency is measured on one clock.
/// </summary>
internal sealed class DirectoryWatcher(Uri baseUrl, string token, IReadOnlySet<string> agentIds) : IAsyncDisposable
{
    private readonly List<(string AgentId, string Presence, long At)> _seen = [];
    private HubConnection? _connection;

    public async Task ConnectAsync(CancellationToken ct)
    {
        _connection = HubConnections.Create(new Uri(baseUrl, "/hubs/visitor?page=%2Fbench"), token);
        _connection.On<JsonElement>("directoryPresence", OnChange);
        await _connection.StartAsync(ct);
        await _connection.InvokeAsync<JsonElement>("WatchDirectory", ct);
    }

    private void OnChange(JsonElement change)
    {
        var at = Stopwatch.GetTimestamp();
        if (change.GetProperty("agentId").GetString() is not { } agentId || !agentIds.Contains(agentId)) return;
        var entry = change.GetProperty("entry");
        if (entry.ValueKind != JsonValueKind.Object) return;
        var presence = entry.GetProperty("presence").GetString()!;
        lock (_seen) _seen.Add((agentId, presence, at));
    }

    /// <summary>
    /// When this watcher first heard <paramref name="presence"/> of <paramref name="agentId"/> at or after
    /// <paramref name="since"/>, looking no earlier than that representative's <paramref name="cursor"/> (advanced
    /// past the match, so a flip is never matched twice); null if never.
    /// </summary>
    public long? FirstSeen(string agentId, string presence, long since, ref int cursor)
    {
        lock (_seen)
        {
            for (var i = cursor; i < _seen.Count; i++)
            {
                if (_seen[i].AgentId != agentId || _seen[i].At < since || _seen[i].Presence != presence) continue;
                cursor = i + 1;
                return _seen[i].At;
            }
        }
        return null;
    }

    public bool Connected => _connection?.State == HubConnectionState.Connected;

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
