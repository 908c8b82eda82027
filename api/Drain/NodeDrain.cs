using Engagement.Api.Realtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Drain;

/// <summary>
/// A graceful leave: the node turns unready and refuses new hub connections, tells every client to move
/// (<see cref="ReconnectNotice"/>), waits until they have gone or <see cref="DrainOptions.Timeout"/> passes, and
/// closes the rest; then the host stops, and Orleans hands off or deactivates the grains. It must run while the
/// host is still fully up — SignalR closes every connection as soon as the host starts stopping — so SIGTERM,
/// SIGINT and POST /api/admin/drain come here first (<see cref="DrainingLifetime"/>). A host stopped some other
/// way (a test disposing it) still drains what it can as it stops.
/// </summary>
public sealed partial class NodeDrain(
    ClientConnections connections,
    DrainState state,
    IOptions<DrainOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<NodeDrain> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly Lock _gate = new();
    private Task? _drain;

    /// <summary>Drains, then stops the host. Returns at once; a second call while draining stops the host at once.</summary>
    public void DrainThenStop()
    {
        lock (_gate)
        {
            if (_drain is not null)
            {
                LogStopNow();
                lifetime.StopApplication();
                return;
            }
            _drain = Task.Run(() => RunAsync(CancellationToken.None));
        }
        _drain.ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
    }

    /// <summary>
    /// Drains, then stops the host, unless a drain has already begun (then nothing changes and the answer is false):
    /// for an operator's request, which must not turn a second click into an abrupt stop.
    /// </summary>
    public bool TryDrainThenStop()
    {
        lock (_gate)
        {
            if (_drain is not null || state.IsDraining) return false;
            DrainThenStop();
            return true;
        }
    }

    /// <summary>The host is stopping (it was not drained first, or the drain finished): drain whatever is left.</summary>
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        lock (_gate) _drain ??= RunAsync(cancellationToken);
        return _drain.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var drain = options.Value;
        var closeAt = clock.GetUtcNow() + drain.Timeout;
        if (!state.TryBegin(closeAt)) return;
        LogDraining(connections.Count, drain.Timeout);
        var notice = ClientEvent.Reconnect(new ReconnectNotice(
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Drained: {Left} connection(s) were still here and were closed; the node stops now.")]
    private partial void LogDrained(int left);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asked again to stop while draining: stopping at once.")]
    private partial void LogStopNow();
}
