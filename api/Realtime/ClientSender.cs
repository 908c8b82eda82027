using Engagement.Api.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Engagement.Api.Realtime;

/// <summary>Starts a send of one event to one connection of this silo, in call order per connection.</summary>
internal interface IClientSend
{
    void Send(HubKind hub, string connectionId, ClientEvent evt);
}

/// <summary>
/// Starts SignalR sends to this silo's connections and only watches for failures: it never waits on a slow
/// client and never throws back to its caller. Each send goes to one connection (a lookup by id), not through
/// SignalR's multi-connection send, which scans every connection of the hub.
/// </summary>
public sealed partial class ClientSender(IHubContext<VisitorHub> visitorHub, IHubContext<AgentHub> agentHub, ILogger<ClientSender> logger) : IClientSend
{
    public void Send(HubKind hub, string connectionId, ClientEvent evt)
    {
        if (evt.Name == ClientEvents.Message) HubMetrics.Sent(hub);
        Start(Clients(hub).Client(connectionId), hub, evt);
    }

    public void SendToGroup(HubKind hub, string group, ClientEvent evt) => Start(Clients(hub).Group(group), hub, evt);

    public void SendToAll(HubKind hub, ClientEvent evt) => Start(Clients(hub).All, hub, evt);

    private IHubClients Clients(HubKind hub) => hub == HubKind.Agent ? agentHub.Clients : visitorHub.Clients;

    // The proxy, not a closure that makes it: one send per message and connection, so no delegate per send.
    private void Start(IClientProxy clients, HubKind hub, ClientEvent evt)
    {
        try
        {
            var task = clients.SendEventAsync(evt);
            if (!task.IsCompletedSuccessfully) _ = ObserveAsync(task, hub, evt.Name);
        }
        catch (Exception ex)
        {
            LogSendFailed(ex, evt.Name, hub);
        }
    }

    private async Task ObserveAsync(Task send, HubKind hub, string eventName)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogSendFailed(ex, eventName, hub);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send '{EventName}' to {Hub} connection(s).")]
    private partial void LogSendFailed(Exception exception, string eventName, HubKind hub);
}

/// <summary>Every event a client receives goes out through here: its name and its typed payload (<see cref="ClientEvent"/>).</summary>
public static class ClientProxyExtensions
{
    public static Task SendEventAsync(this IClientProxy clients, ClientEvent evt) => clients.SendAsync(evt.Name, evt.Payload);
}
