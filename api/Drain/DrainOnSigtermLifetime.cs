using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Engagement.Api.Drain;

/// <summary>
/// The silo process's host lifetime: SIGTERM (a rolling deploy, <c>docker stop</c>, systemd) drains the node first
/// and only then stops the host (<see cref="NodeDrain"/> says why the order matters). Ctrl-C (SIGINT) and SIGQUIT stop
/// at once, as with the default console lifetime, so a developer's Ctrl-C does not wait for browsers to move.
/// Registered by the silo's Program only: nodes hosted inside another process (tests) keep their host's lifetime.
/// </summary>
public sealed class DrainOnSigtermLifetime(IServiceProvider services, IHostApplicationLifetime lifetime) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _signals = [];
    private int _stopping;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            if (Interlocked.Exchange(ref _stopping, 1) == 0)
                _ = Task.Run(() => services.GetRequiredService<NodeDrain>().DrainThenStopAsync(lifetime));
        }));
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGQUIT })
        {
            _signals.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                lifetime.StopApplication();
            }));
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var signal in _signals) signal.Dispose();
    }
}
