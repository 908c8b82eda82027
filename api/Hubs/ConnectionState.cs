using Microsoft.AspNetCore.SignalR;

namespace Engagement.Api.Hubs;

/// <summary>
/// What a hub remembers about one connection for its lifetime (kept in <see cref="HubCallerContext.Items"/>):
/// who it is, its reference for grains, and the sessions it joined, so a disconnect detaches from each.
/// </summary>
internal sealed class ConnectionState(Caller caller, ConnectionRef connection)
{
    private const string ItemKey = "engagement.connection";
    private readonly HashSet<string> _sessions = new(StringComparer.Ordinal);

    public Caller Caller { get; } = caller;

    public ConnectionRef Connection { get; } = connection;

    /// <summary>A staff connection that only watches (the dashboard): it does not make its agent present.</summary>
    public bool WatchOnly { get; set; }

    public void Joined(string sessionId)
    {
        lock (_sessions)
        {
            _sessions.Add(sessionId);
        }
    }

    public string[] JoinedSessions()
    {
        lock (_sessions)
        {
            return [.. _sessions];
        }
    }

    public static ConnectionState Of(HubCallerContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is ConnectionState state
            ? state
            : throw new HubException("unavailable: the connection is not ready yet; reconnect.");

    public static ConnectionState? TryOf(HubCallerContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) ? value as ConnectionState : null;

    public void AttachTo(HubCallerContext context) => context.Items[ItemKey] = this;
}
