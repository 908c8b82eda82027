namespace Engagement.Api.Realtime;

/// <summary>
/// This silo's grain observer: grains call it to reach the SignalR connections held here, and to ask for the
/// leases of their listeners. Orleans runs an observer's calls one after another, so it never waits: it
/// starts sends and hands messages to their session's <see cref="SessionFeed"/>, which keeps each connection
/// in seq order. Grains on this silo call it in-process, concurrently (see <see cref="ILocalConnectionRouter"/>).
/// </summary>
internal sealed class ConnectionRouter(ClientConnections connections, ClientSender sender) : IConnectionRouter
{
    public Task Push(HubKind hub, string[] connectionIds, ClientEvent evt)
    {
        if (connectionIds.Length == 0) return Task.CompletedTask;
        // A session's messages go through its feed, in seq order; a conversation's (conversationMessage) go straight.
        if (evt.Name == ClientEvents.Message && evt.Payload is ChatMessage message)
        {
            connections.Deliver(hub, connectionIds, evt, message);
        }
        else
        {
            foreach (var id in connectionIds) sender.Send(hub, id, evt);
        }
        return Task.CompletedTask;
    }

    public Task Broadcast(HubKind hub, string group, ClientEvent evt)
    {
        sender.SendToGroup(hub, group, evt);
        return Task.CompletedTask;
    }

    public Task Reannounce(ListenerKey listener)
    {
        connections.Renew(listener);
        return Task.CompletedTask;
    }

    public Task<PresenceLease[]> Leases(ListenerKey listener) => Task.FromResult(connections.LeasesOn(listener));
}
