using Microsoft.Extensions.Hosting;

namespace Engagement.Media.Hosting;

/// <summary>
/// Binds the port when the host starts rather than on the first call, so a taken port fails the start loudly,
/// and closes it when the host stops.
/// </summary>
internal sealed class MediaEngineLifetime(IMediaEngine engine) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        engine.Dispose();
        return Task.CompletedTask;
    }
}
