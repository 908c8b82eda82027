using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace Engagement.Api.Drain;

/// <summary>
/// The host's lifetime in place of the console one: SIGTERM (a rolling deploy, an orchestrator), SIGINT (Ctrl-C)
/// and SIGQUIT drain the node before the host starts stopping (<see cref="NodeDrain"/>); the same signal again
/// stops at once. Written here because the console lifetime stops the host — and with it every SignalR
/// connection — the moment the signal arrives.
/// </summary>
internal sealed class DrainingLifetime(NodeDrain drain) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _signals = [];

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
            _signals.Add(PosixSignalRegistration.Create(signal, OnSignal));
        return Task.CompletedTask;
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // the process does not end here: the host stops once drained
        drain.DrainThenStop();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var signal in _signals) signal.Dispose();
    }
}
