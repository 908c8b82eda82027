using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Media.Hosting;

/// <summary>
/// Runs this node's media engine (one UDP port) for the life of a .NET host. It lives with the media plane, not
/// with the grains: it needs nothing of Orleans or the grains (they only consume <see cref="IMediaEngine"/>), and
/// the media project depends on the Microsoft.Extensions abstractions alone, so any host can add it.
/// </summary>
public static class MediaHostingExtensions
{
    public static IServiceCollection AddEngagementMedia(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(MediaSettings.Section).Get<MediaSettings>() ?? new MediaSettings();
        if (settings.Problems() is { Count: > 0 } problems) throw new OptionsValidationException(MediaSettings.Section, typeof(MediaSettings), problems);
        services.AddSingleton<IMediaEngine>(sp =>
        {
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            var engine = MediaEngine.Start(settings.ToOptions(), loggers, sp.GetService<IMeterFactory>());
            HostingLog.Listening(loggers.CreateLogger(HostingLog.Category), engine.LocalEndPoint);
            return engine;
        });
        services.AddHostedService<MediaEngineLifetime>();
        return services;
    }
}
