using System.Net;
using Engagement.Media;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engagement.Hosting;

/// <summary>Media settings, bound from "Engagement:Media".</summary>
public sealed class MediaSettings
{
    public const string Section = "Engagement:Media";

    /// <summary>Address the node's UDP port binds to.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>The node's UDP port for all media (0: any free port).</summary>
    public int Port { get; set; }

    /// <summary>The address clients should reach, put in ICE candidates (default: the bind address).</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Bitrate announced to publishers (REMB).</summary>
    public long PublisherBitrate { get; set; } = 3_000_000;

    /// <summary>Test-only fault injection: fraction of forwarded video packets dropped on first send.</summary>
    public double SimulatedVideoLoss { get; set; }
}

/// <summary>Starts this node's media engine (one UDP port) when the host starts and stops it with the host.</summary>
public static class MediaHostingExtensions
{
    public static IServiceCollection AddEngagementMedia(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(MediaSettings.Section).Get<MediaSettings>() ?? new MediaSettings();
        services.AddSingleton<IMediaEngine>(sp =>
        {
            var engine = MediaEngine.Start(new MediaEngineOptions
            {
                BindAddress = IPAddress.Parse(settings.BindAddress),
                Port = settings.Port,
                AdvertisedAddress = settings.AdvertisedAddress is { Length: > 0 } a ? IPAddress.Parse(a) : null,
                PublisherBitrate = settings.PublisherBitrate,
                SimulatedVideoLoss = settings.SimulatedVideoLoss,
            });
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Engagement.Media")
                .LogInformation("Media engine listening on udp://{EndPoint}", engine.LocalEndPoint);
            return engine;
        });
        services.AddHostedService<MediaEngineStarter>();
        return services;
    }

    /// <summary>Binds the port at start-up rather than on the first call, so a taken port fails the start loudly.</summary>
    private sealed class MediaEngineStarter(IMediaEngine engine) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            engine.Dispose();
            return Task.CompletedTask;
        }
    }
}
