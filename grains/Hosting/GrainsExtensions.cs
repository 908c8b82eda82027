using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Engagement.Context;
using Engagement.Faults;
using Engagement.Realtime;
using Engagement.Sessions;

namespace Engagement.Hosting;

/// <summary>Registers what the grains need from the host: options and services.</summary>
public static class GrainsExtensions
{
    public static IServiceCollection AddEngagementGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PresenceOptions>(configuration.GetSection(PresenceOptions.Section));
        services.Configure<SessionOptions>(configuration.GetSection(SessionOptions.Section));
        services.AddEngagementBoards(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ClientPush>();
        services.AddEngagementContext(configuration);
        services.AddEngagementFaultTranslation();
        return services;
    }
}
