using Engagement.Api.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Engagement.Api.Realtime;

/// <summary>
/// This silo's grain observer: grains call <see cref="Push"/> to reach the SignalR connections held here.
/// Orleans runs an observer's calls one after another, so Push never waits on a slow client: it starts the
/// send (which queues in order per connection) and only watches for failures. It never throws back into Orleans.
/// Grains on this silo call it in-process (<see cref="ILocalConnectionRouter"/>), concurrently: IHubContext
/// sends are thread-safe, and each grain's pushes still start in the grain's order.
/// </summary>
public sealed partial class ConnectionRouter(
    IHubContext<VisitorHub> visitorHub,
    IHubContext<AgentHub> agentHub,
    ILocalSiloDetails silo,
    ILogger<ConnectionRouter> logger) : IConnectionRouter, ILocalConnectionRouter
{
    public SiloAddress Silo => silo.SiloAddress;

    public IConnectionRouter Router => this;

    public Task Push(HubKind hub, string[] connectionIds, ClientEvent evt)
    {
        if (connectionIds.Length == 0)
        {
            return Task.CompletedTask;
        }

        try
        {
            var clients = hub == HubKind.Agent ? agentHub.Clients : visitorHub.Clients;
            var target = connectionIds.Length == 1 ? clients.Client(connectionIds[0]) : clients.Clients(connectionIds);
            var send = target.SendAsync(evt.Name, evt.Payload);
            if (!send.IsCompletedSuccessfully)
            {
                _ = ObserveAsync(send, hub, evt.Name, connectionIds.Length);
            }
        }
        catch (Exception ex)
        {
            LogPushFailed(ex, evt.Name, hub, connectionIds.Length);
        }

        return Task.CompletedTask;
    }

    public Task Broadcast(HubKind hub, string group, ClientEvent evt)
    {
        try
        {
            var clients = hub == HubKind.Agent ? agentHub.Clients : visitorHub.Clients;
            var send = clients.Group(group).SendAsync(evt.Name, evt.Payload);
            if (!send.IsCompletedSuccessfully)
            {
                _ = ObserveAsync(send, hub, evt.Name, 0);
            }
        }
        catch (Exception ex)
        {
            LogPushFailed(ex, evt.Name, hub, 0);
        }

        return Task.CompletedTask;
    }

    private async Task ObserveAsync(Task send, HubKind hub, string eventName, int count)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogPushFailed(ex, eventName, hub, count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push '{EventName}' to {Count} {Hub} connection(s).")]
    private partial void LogPushFailed(Exception exception, string eventName, HubKind hub, int count);
}
