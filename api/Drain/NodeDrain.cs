using Engagement.Api.Realtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Drain;

/// <summary>
/// A graceful leave, before Orleans stops: the node turns unready and refuses new hub connections, tells every
/// client to move (<see cref="ReconnectNotice"/>), waits until they have gone or <see cref="DrainOptions.Timeout"/>
/// passes, and closes the rest. Then the host stops Orleans, which hands off or deactivates the grains.
/// <para>
/// The drain must run <b>before</b> the host's stop begins: the moment the application is told to stop
/// (<c>IHostApplicationLifetime.StopApplication</c>, which SIGTERM and Ctrl-C call), ASP.NET Core closes every
/// SignalR connection, so a drain that waited for the host's stopping phase would find none left to tell. So
/// POST /api/admin/drain and SIGTERM (<see cref="DrainOnSigtermLifetime"/>) call <see cref="DrainThenStopAsync"/>;
/// a host stopped directly (<c>StopAsync</c>, as the in-process test nodes are) drains in <see cref="StoppingAsync"/>.
/// </para>
/// </summary>
public sealed partial class NodeDrain(
    ClientConnections connections,
    DrainState state,
    IOptions<DrainOptions> options,
    TimeProvider clock,
    ILogger<NodeDrain> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Drains, then asks the host to stop (once; a second call only waits for nothing).</summary>
    public async Task DrainThenStopAsync(IHostApplicationLifetime lifetime)
    {
        try
        {
            await DrainAsync(CancellationToken.None);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    private async Task DrainAsync(CancellationToken cancellationToken)
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
