using Engagement.Api.Realtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Drain;

/// <summary>
/// A graceful leave, before Orleans stops: the node turns unready and refuses new hub connections, tells every
/// client to move (<see cref="ReconnectNotice"/>), waits until they have gone or <see cref="DrainOptions.Timeout"/>
/// passes, and closes the rest. Then the host stops Orleans, which hands off or deactivates the grains. Runs on
/// SIGTERM (the host's stop) and on POST /api/admin/drain, which asks the host to stop.
/// </summary>
public sealed partial class NodeDrain(
    ClientConnections connections,
    DrainState state,
    IOptions<DrainOptions> options,
    TimeProvider clock,
    ILogger<NodeDrain> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var drain = options.Value;
        var closeAt = clock.GetUtcNow() + drain.Timeout;
        if (!state.TryBegin(closeAt)) return;
        LogDraining(connections.Count, drain.Timeout);
        var notice = new ClientEvent(ClientEvents.Reconnect, new ReconnectNotice(
            ReconnectNotice.Draining, "This node is shutting down; reconnect and re-join.", closeAt, (int)drain.Spread.TotalMilliseconds));
        connections.SendToAll(HubKind.Visitor, notice);
        connections.SendToAll(HubKind.Agent, notice);
        try
        {
            while (connections.Count > 0 && clock.GetUtcNow() < closeAt)
                await Task.Delay(Poll, clock, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out first: close what is left now.
        }
        var left = connections.Count;
        connections.AbortAll();
        LogDrained(left);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining: {Count} connection(s) told to reconnect elsewhere within {Timeout}.")]
    private partial void LogDraining(int count, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drained: {Left} connection(s) were still here and were closed; Orleans stops next.")]
    private partial void LogDrained(int left);
}
