using Microsoft.AspNetCore.SignalR;

namespace Engagement.Api.Hubs;

/// <summary>
/// What a hub remembers about one connection for its lifetime (kept in <see cref="HubCallerContext.Items"/>):
/// who it is and its reference for grains. The sessions it joined live in <see cref="Realtime.ClientConnections"/>.
/// </summary>
internal sealed class ConnectionState(Caller caller, ConnectionRef connection)
{
    private const string ItemKey = "engagement.connection";

    public Caller Caller { get; } = caller;

    public ConnectionRef Connection { get; } = connection;

    /// <summary>A staff connection that only watches (the dashboard): it does not make its agent present.</summary>
    public bool WatchOnly { get; set; }

    public static ConnectionState Of(HubCallerContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is ConnectionState state
            ? state
            : throw new HubException("unavailable: the connection is not ready yet; reconnect.");

    public static ConnectionState? TryOf(HubCallerContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) ? value as ConnectionState : null;

    public void AttachTo(HubCallerContext context) => context.Items[ItemKey] = this;
}
